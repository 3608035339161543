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

var dezernatNames = []string{"Allgemeine Verwaltung", "Finanzen", "Bürgerdienste", "Bauen und Umwelt",
	"Jugend und Soziales", "Kultur und Bildung", "Ordnung und Sicherheit", "Wirtschaft"}

var amtNames = []string{"Hauptamt", "Personalamt", "Amt für Digitalisierung", "Kämmerei", "Steueramt",
	"Bürgeramt", "Standesamt", "Ordnungsamt", "Bauordnungsamt", "Stadtplanungsamt", "Umweltamt",
	"Jugendamt", "Sozialamt", "Schulverwaltungsamt", "Kulturamt", "Amt für Wirtschaftsförderung"}

var teamNames = []string{"Grundsatz", "Service", "Sachbearbeitung", "Fachaufsicht", "IT-Koordination",
	"Beratung", "Bescheide", "Kasse", "Planung", "Vollzug"}

// roman writes 1..39 as a Roman numeral (Dezernat I, II, …).
func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

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
