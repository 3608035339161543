package demo

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Names from the many languages spoken in a German administration, several beyond Latin-1.
var firstNames = []string{"Anna", "Jürgen", "Łukasz", "Ayşe", "Nguyễn", "Zoë", "Dragoš", "Ǧülşen", "Mehmet", "Sören",
	"Małgorzata", "Björn", "Ioana", "Đorđe", "Fatma", "Karl-Heinz", "Ženja", "Mia", "Noah", "Chloé", "Søren",
	"Aleksandra", "Tomáš", "Ewa", "Lea", "Jonas", "Ömer", "Marie", "Ľudmila", "Paul"}

var lastNames = []string{"Müller", "Schmidt", "Wóźniak", "Yılmaz", "Thị Lan", "Schröder", "Petrović", "Öztürk",
	"Weiß", "Nowak", "Đặng", "Krämer", "Dvořák", "Kowalczyk", "Hoffmann", "Şahin", "Großmann", "Lindqvist",
	"Popescu", "Bäcker", "Čapek", "Fischer", "Ngô", "Wagner", "Becker", "Łęcka", "Zimmermann", "Kürşat"}

// ascii makes an e-mail local part from a name: accents dropped, other letters kept as "x".
func ascii(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ł':
			b.WriteRune('l')
		case r == 'đ':
			b.WriteRune('d')
		case r == 'ı':
			b.WriteRune('i')
		case r == 'ø':
			b.WriteRune('o')
		case r == ' ' || r == '-':
			b.WriteRune('-')
		}
	}
	return b.String()
}
