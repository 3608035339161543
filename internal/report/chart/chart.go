// Package chart draws small server-side SVG charts for reports: horizontal bars, stacked bars and
// a line chart. Each chart comes with a one-sentence summary and the data as a table, for screen
// readers and for people who prefer numbers. The SVG uses presentation attributes only (no style
// attributes: the CSP forbids inline styles), colours with at least 3:1 contrast on white, and
// patterns, dash styles and direct labels so that colour never carries information alone.
package chart

import (
	"cmp"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// Chart is the SVG markup plus its text alternatives.
type Chart struct {
	SVG     string
	Summary string // one sentence, in the chart's language
	Table   Table
}

// Table is the data of a chart as a table (caption, header cells, rows of cells).
type Table struct {
	Caption string
	Headers []string
	Rows    [][]string
}

// Datum is one labelled value.
type Datum struct {
	Label string
	Value float64
}

// Series is one named row of values (a status in stacked bars, a line in the line chart).
type Series struct {
	Name   string
	Values []float64
	Color  string // stacked bars: a colour with meaning (ColorAlarm …); "" takes the palette's
}

// Colours that carry a meaning, each ≥ 3:1 against white and the white pattern marks: overdue
// reads as the alarm, open as a neutral state, completed as done. The patterns stay, so the
// series differ for readers who cannot tell red from green.
const (
	ColorDone    = "#2e7d32" // green
	ColorNeutral = "#5f6b76" // grey
	ColorAlarm   = "#c62828" // red
)

// palette: dark, distinct colours, each ≥ 3:1 against white (WCAG 1.4.11).
var palette = []string{"#1f4e79", "#b35900", "#2e7d32", "#8e24aa", "#c62828", "#00695c", "#4e342e"}

// dashes tell lines apart without colour.
var dashes = []string{"", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4"}

// patternDefs defines one fill pattern per series: solid, stripes, dots, cross-hatch ...
func patternDefs(id string, series []Series) string {
	var b strings.Builder
	b.WriteString("<defs>")
	for i, s := range series {
		c := cmp.Or(s.Color, palette[i%len(palette)])
		fmt.Fprintf(&b, `<pattern id="%s-p%d" width="8" height="8" patternUnits="userSpaceOnUse">`, id, i)
		fmt.Fprintf(&b, `<rect width="8" height="8" fill="%s"/>`, c)
		switch i % 4 {
		case 1:
			b.WriteString(`<path d="M0 8L8 0" stroke="#ffffff" stroke-width="2"/>`)
		case 2:
			b.WriteString(`<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>`)
		case 3:
			b.WriteString(`<path d="M0 4H8M4 0V8" stroke="#ffffff" stroke-width="1.5"/>`)
		}
		b.WriteString(`</pattern>`)
	}
	b.WriteString("</defs>")
	return b.String()
}

func open(b *strings.Builder, id string, w, h int, title, desc string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc" font-family="sans-serif" font-size="12">`,
		w, h, w, h, esc(id), esc(id))
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
}

func esc(s string) string { return html.EscapeString(s) }

func num(v float64, lang string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v != float64(int64(v)) {
		s = strconv.FormatFloat(v, 'f', 1, 64)
	}
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// HorizontalBars draws one bar per datum on a 0–100 scale (completion rate per unit), each bar
// labelled with its value. id must be unique on the page (it prefixes element ids).
func HorizontalBars(id, title, desc, lang string, data []Datum) Chart {
	const labelW, barW, rowH, top = 200, 320, 26, 10
	h := top + rowH*len(data) + 24
	var b strings.Builder
	open(&b, id, labelW+barW+60, h, title, desc)
	for i, d := range data {
		y := top + i*rowH
		w := max(0, min(d.Value, 100)) * barW / 100
		axisLabel(&b, labelW-8, y+16, d.Label)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="18" fill="#e8eef4" stroke="#5a6b7b" stroke-width="0.5"/>`, labelW, y+3, barW)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="18" fill="%s"/>`, labelW, y+3, w, palette[0])
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#1a1a1a">%s %%</text>`, labelW+barW+6, y+16, num(d.Value, lang))
	}
	for _, tick := range []int{0, 50, 100} {
		x := labelW + tick*barW/100
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" fill="#1a1a1a" font-size="10">%d %%</text>`, x, h-6, tick)
	}
	b.WriteString("</svg>")
	t := Table{Caption: title, Headers: words(lang, "Einheit", "Unit", "Quote (%)", "Rate (%)")}
	hi, lo := 0, 0
	for i, d := range data {
		t.Rows = append(t.Rows, []string{d.Label, num(d.Value, lang)})
		if d.Value > data[hi].Value {
			hi = i
		}
		if d.Value < data[lo].Value {
			lo = i
		}
	}
	summary := ""
	if len(data) > 0 {
		if lang == "en" {
			summary = fmt.Sprintf("%s: %d bars; highest %s (%s %%), lowest %s (%s %%).", title, len(data), data[hi].Label, num(data[hi].Value, lang), data[lo].Label, num(data[lo].Value, lang))
		} else {
			summary = fmt.Sprintf("%s: %d Balken; am höchsten %s (%s %%), am niedrigsten %s (%s %%).", title, len(data), data[hi].Label, num(data[hi].Value, lang), data[lo].Label, num(data[lo].Value, lang))
		}
	}
	return Chart{SVG: b.String(), Summary: summary, Table: t}
}

func words(lang string, pairs ...string) []string {
	var out []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if lang == "en" {
			out = append(out, pairs[i+1])
		} else {
			out = append(out, pairs[i])
		}
	}
	return out
}

// axisLabel writes a bar's label. Org unit paths are long ("Stadtverwaltung / Dezernat I / …"), so
// the chart shows the last part, shortened to fit; the full label is the element's tooltip and
// stands in the data table.
func axisLabel(b *strings.Builder, x, y int, label string) {
	short := label
	if i := strings.LastIndex(short, " / "); i >= 0 {
		short = short[i+3:]
	}
	if r := []rune(short); len(r) > 26 {
		short = string(r[:25]) + "…"
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end" fill="#1a1a1a"><title>%s</title>%s</text>`, x, y, esc(label), esc(short))
}
