package chart

import (
	"fmt"
	"strings"
)

// StackedBars draws one horizontal bar per category, split into the series (e.g. status counts
// per unit). Segments are filled with a pattern per series, and wide segments carry their count;
// a legend with the same patterns names the series.
func StackedBars(id, title, desc, lang string, categories []string, series []Series) Chart {
	const labelW, barW, rowH, top = 200, 360, 26, 10
	legendY := top + rowH*len(categories) + 10
	h := legendY + 22*((len(series)+2)/3) + 6
	var b strings.Builder
	open(&b, id, labelW+barW+20, h, title, desc)
	b.WriteString(patternDefs(id, series))
	totals := make([]float64, len(categories))
	maxTotal := 0.0
	for i := range categories {
		for _, s := range series {
			if i < len(s.Values) {
				totals[i] += s.Values[i]
			}
		}
		maxTotal = max(maxTotal, totals[i])
	}
	for i, c := range categories {
		y := top + i*rowH
		axisLabel(&b, labelW-8, y+16, c)
		x := float64(labelW)
		for j, s := range series {
			if i >= len(s.Values) || s.Values[i] <= 0 || maxTotal == 0 {
				continue
			}
			w := s.Values[i] * barW / maxTotal
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="18" fill="url(#%s-p%d)" stroke="#ffffff" stroke-width="1"><title>%s: %s</title></rect>`,
				x, y+3, w, esc(id), j, esc(s.Name), num(s.Values[i], lang))
			if w >= 24 {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="20" height="12" fill="#ffffff"/><text x="%.1f" y="%d" text-anchor="middle" fill="#1a1a1a" font-size="10">%s</text>`,
					x+w/2-10, y+6, x+w/2, y+16, num(s.Values[i], lang))
			}
			x += w
		}
	}
	for j, s := range series {
		lx, ly := 10+(j%3)*(labelW+barW)/3, legendY+(j/3)*22
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="16" height="14" fill="url(#%s-p%d)" stroke="#1a1a1a" stroke-width="0.5"/><text x="%d" y="%d" fill="#1a1a1a">%s</text>`,
			lx, ly, esc(id), j, lx+22, ly+12, esc(s.Name))
	}
	b.WriteString("</svg>")

	t := Table{Caption: title, Headers: append(words(lang, "Kategorie", "Category"), names(series)...)}
	for i, c := range categories {
		row := []string{c}
		for _, s := range series {
			v := 0.0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			row = append(row, num(v, lang))
		}
		t.Rows = append(t.Rows, row)
	}
	sum := 0.0
	for _, v := range totals {
		sum += v
	}
	summary := fmt.Sprintf("%s: %d Kategorien, %s Einträge in %d Gruppen (%s).", title, len(categories), num(sum, lang), len(series), strings.Join(names(series), ", "))
	if lang == "en" {
		summary = fmt.Sprintf("%s: %d categories, %s entries in %d groups (%s).", title, len(categories), num(sum, lang), len(series), strings.Join(names(series), ", "))
	}
	return Chart{SVG: b.String(), Summary: summary, Table: t}
}

func names(series []Series) []string {
	var out []string
	for _, s := range series {
		out = append(out, s.Name)
	}
	return out
}
