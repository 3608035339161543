package report

import (
	"bufio"
	"io"
)

// WriteJSON streams doc as one JSON object, row by row, never marshalling it whole:
//
//	{"meta":{"title":"…","lang":"de","fields":[{"key":"generated_at","label":"…","value":"…"},…]},
//	 "sections":[{"key":"persons","title":"Personen",
//	              "columns":[{"key":"name","label":"Name","kind":"text"},…],
//	              "rows":[{"name":"Jürgen Müller","due_at":"2026-05-04","score_percent":87.5,…},…]},…],
//	 "integrity":{"method":"ailit-report-canonical-v1 / SHA-256","sha256":"…"}}
//
// Empty cells are null, counts and percentages numbers, yes/no booleans, dates ISO strings and
// statuses their codes. The integrity object comes last because the hash is known only then.
func WriteJSON(w io.Writer, doc Document) (hash string, err error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	canon := newCanonical(nil)
	var b []byte

	b = append(b, `{"meta":{"title":`...)
	b = appendJSONString(b, doc.Title)
	b = append(b, `,"lang":`...)
	b = appendJSONString(b, langOrDefault(doc.Lang))
	b = append(b, `,"fields":[`...)
	for i, f := range doc.Meta {
		b = appendComma(b, i)
		b = appendField(b, f)
	}
	b = append(b, `]},"sections":[`...)
	for i, s := range doc.Sections {
		canon.section(s.Key, s.Columns)
		b = appendComma(b, i)
		b = append(b, `{"key":`...)
		b = appendJSONString(b, s.Key)
		b = append(b, `,"title":`...)
		b = appendJSONString(b, s.Title(doc.Lang))
		b = append(b, `,"columns":[`...)
		for j, c := range s.Columns {
			b = appendComma(b, j)
			b = append(b, `{"key":`...)
			b = appendJSONString(b, c.Key)
			b = append(b, `,"label":`...)
			b = appendJSONString(b, c.Label(doc.Lang))
			b = append(b, `,"kind":`...)
			b = appendJSONString(b, kindNames[c.Kind])
			b = append(b, '}')
		}
		b = append(b, `],"rows":[`...)
		n := 0
		for vals, err := range s.Rows {
			if err != nil {
				return "", err
			}
			canon.row(vals)
			b = appendComma(b, n)
			b = appendRow(b, s.Columns, vals)
			n++
			if len(b) > 32<<10 {
				if _, err := bw.Write(b); err != nil {
					return "", err
				}
				b = b[:0]
			}
		}
		b = append(b, "]}"...)
	}
	b = append(b, ']')
	if doc.AISystems != nil {
		b = appendAISystems(b, doc.AISystems)
	}
	canon.meta(doc.Meta)
	hash = canon.hex()
	b = append(b, `,"integrity":{"method":`...)
	b = appendJSONString(b, canonicalVersion+" / SHA-256")
	b = append(b, `,"sha256":`...)
	b = appendJSONString(b, hash)
	b = append(b, "}}\n"...)
	if _, err := bw.Write(b); err != nil {
		return "", err
	}
	return hash, bw.Flush()
}

var kindNames = map[Kind]string{KindText: "text", KindID: "id", KindDate: "date", KindInt: "integer",
	KindPercent: "percent", KindBool: "boolean", KindStatus: "status"}

func langOrDefault(lang string) string {
	if lang == "en" {
		return lang
	}
	return "de"
}

func appendComma(b []byte, i int) []byte {
	if i > 0 {
		return append(b, ',')
	}
	return b
}

func appendField(b []byte, f Field) []byte {
	b = append(b, `{"key":`...)
	b = appendJSONString(b, f.Key)
	b = append(b, `,"label":`...)
	b = appendJSONString(b, f.Label)
	b = append(b, `,"value":`...)
	b = appendJSONString(b, f.Value)
	return append(b, '}')
}

func appendRow(b []byte, cols []Column, vals []Value) []byte {
	b = append(b, '{')
	for i, c := range cols {
		b = appendComma(b, i)
		b = appendJSONString(b, c.Key)
		b = append(b, ':')
		v := vals[i].Text
		switch {
		case v == "":
			b = append(b, "null"...)
		case c.Kind == KindInt || c.Kind == KindPercent || c.Kind == KindBool:
			b = append(b, v...) // canonical numbers and true/false are JSON literals
		default:
			b = appendJSONString(b, v)
		}
	}
	return append(b, '}')
}
