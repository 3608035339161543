package chart

import (
	"fmt"
	"strings"
)

// markers draw a different point shape per series, so lines differ in colour, dash and shape.
var markers = []func(x, y float64, c string) string{
	func(x, y float64, c string) string {
		return fmt.Sprintf(`<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>`, x, y, c)
	},
	func(x, y float64, c string) string {
		return fmt.Sprintf(`<rect x="%.1f" y="%.1f" width="7" height="7" fill="%s"/>`, x-3.5, y-3.5, c)
	},
	func(x, y float64, c string) string {
		return fmt.Sprintf(`<path d="M%.1f %.1fL%.1f %.1fL%.1f %.1fZ" fill="%s"/>`, x, y-4.5, x+4.5, y+3.5, x-4.5, y+3.5, c)
	},
	func(x, y float64, c string) string {
		return fmt.Sprintf(`<path d="M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ" fill="%s"/>`, x, y-4.5, x+4.5, y, x, y+4.5, x-4.5, y, c)
	},
}

// Line draws one line per series over the labels (e.g. completions per month), with the last
// value of each line written next to it and a legend showing colour, dash and marker.
func Line(id, title, desc, lang string, labels []string, series []Series) Chart {
	const left, top, plotW, plotH = 50, 14, 480, 200
	legendY := top + plotH + 40
	h := legendY + 20*len(series) + 6
	maxV := 1.0
	for _, s := range series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	x := func(i int) float64 {
		if len(labels) < 2 {
			return left + plotW/2
		}
		return left + float64(i)*plotW/float64(len(labels)-1)
	}
	y := func(v float64) float64 { return top + plotH - v*plotH/maxV }
	var b strings.Builder
	open(&b, id, left+plotW+70, h, title, desc)
	fmt.Fprintf(&b, `<path d="M%d %dV%dH%d" fill="none" stroke="#1a1a1a" stroke-width="1"/>`, left, top, top+plotH, left+plotW)
	for _, v := range []float64{0, maxV / 2, maxV} {
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" fill="#1a1a1a" font-size="10">%s</text>`, left-6, y(v)+4, num(v, lang))
	}
	for i, l := range labels {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#1a1a1a" font-size="10">%s</text>`, x(i), top+plotH+16, esc(l))
	}
	for j, s := range series {
		c := palette[j%len(palette)]
		var d strings.Builder
		for i, v := range s.Values {
			cmd := "L"
			if i == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%.1f %.1f", cmd, x(i), y(v))
		}
		dash := ""
		if dashes[j%len(dashes)] != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, dashes[j%len(dashes)])
		}
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"%s/>`, d.String(), c, dash)
		for i, v := range s.Values {
			b.WriteString(markers[j%len(markers)](x(i), y(v), c))
		}
		if n := len(s.Values); n > 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="#1a1a1a">%s</text>`, x(n-1)+8, y(s.Values[n-1])+4, num(s.Values[n-1], lang))
		}
		ly := float64(legendY + j*20)
		fmt.Fprintf(&b, `<path d="M10 %.1fH40" stroke="%s" stroke-width="2"%s/>`, ly, c, dash)
		b.WriteString(markers[j%len(markers)](25, ly, c))
		fmt.Fprintf(&b, `<text x="48" y="%.1f" fill="#1a1a1a">%s</text>`, ly+4, esc(s.Name))
	}
	b.WriteString("</svg>")

	t := Table{Caption: title, Headers: append(words(lang, "Zeitraum", "Period"), names(series)...)}
	for i, l := range labels {
		row := []string{l}
		for _, s := range series {
			v := ""
			if i < len(s.Values) {
				v = num(s.Values[i], lang)
			}
			row = append(row, v)
		}
		t.Rows = append(t.Rows, row)
	}
	var parts []string
	for _, s := range series {
		if n := len(s.Values); n > 0 && len(labels) > 0 {
			parts = append(parts, fmt.Sprintf("%s %s → %s", s.Name, num(s.Values[0], lang), num(s.Values[n-1], lang)))
		}
	}
	span := ""
	if len(labels) > 0 {
		span = labels[0] + "–" + labels[len(labels)-1]
	}
	summary := fmt.Sprintf("%s, %s: %s.", title, span, strings.Join(parts, "; "))
	return Chart{SVG: b.String(), Summary: summary, Table: t}
}
