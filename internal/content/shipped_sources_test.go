package content_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// knownPublishers are the hosts that course lessons may link to: official publishers of law,
// guidance and research, and the few secondary sources the project's reference files name (cited
// as "Bericht"). A new host needs a line here, which makes a reviewer look at it.
var knownPublishers = map[string]string{
	"eur-lex.europa.eu":                           "Amt für Veröffentlichungen der EU (EUR-Lex)",
	"digital-strategy.ec.europa.eu":               "Europäische Kommission",
	"ec.europa.eu":                                "Europäische Kommission",
	"public-buyers-community.ec.europa.eu":        "Europäische Kommission (Public Buyers Community)",
	"fra.europa.eu":                               "Agentur der EU für Grundrechte",
	"www.gesetze-im-internet.de":                  "Bundesministerium der Justiz",
	"www.verwaltungsvorschriften-im-internet.de":  "Bundesministerium des Innern",
	"bsi.bund.de":                                 "Bundesamt für Sicherheit in der Informationstechnik",
	"www.bsi.bund.de":                             "Bundesamt für Sicherheit in der Informationstechnik",
	"www.bfdi.bund.de":                            "Bundesbeauftragte für den Datenschutz",
	"cio.bund.de":                                 "Beauftragter der Bundesregierung für Informationstechnik",
	"www.bakoev.bund.de":                          "Bundesakademie für öffentliche Verwaltung",
	"www.bundesnetzagentur.de":                    "Bundesnetzagentur",
	"www.datenschutzkonferenz-online.de":          "Datenschutzkonferenz",
	"www.bverwg.de":                               "Bundesverwaltungsgericht",
	"curia.europa.eu":                             "Gerichtshof der Europäischen Union",
	"digitalverbund.bayern":                       "Bayerische Staatsregierung",
	"www.hs-schmalkalden.de":                      "Hochschule Schmalkalden",
	"smartcity.jena.de":                           "Stadt Jena",
	"d-stack-home-719768.usercontent.opencode.de": "Deutschland-Stack (openCoDE des Bundes)",
	"genai.owasp.org":                             "OWASP Foundation",
	"www.iea.org":                                 "Internationale Energieagentur",
	"www.unesco.org":                              "UNESCO",
	"doi.org":                                     "DOI-Register",
	"arxiv.org":                                   "arXiv (Cornell University)",
	"www.elementsofai.de":                         "Universität Helsinki / MinnaLearn",
	"www.elementsofai.com":                        "Universität Helsinki / MinnaLearn",
	"ki-campus.org":                               "KI-Campus (Stifterverband)",
	"www.urheberrecht.org":                        "Institut für Urheber- und Medienrecht",
	// law firms and trade press named in the reference files (case reports, drafts)
	"www.gleisslutz.com":   "Gleiss Lutz",
	"www.heuking.de":       "Heuking Kühn Lüer Wojtek",
	"www.roedl.de":         "Rödl & Partner",
	"haerting.de":          "Härting Rechtsanwälte",
	"recht-im-internet.de": "Heidrich Rechtsanwälte",
	"frommer.legal":        "Frommer Legal",
	"aiadopt.eu":           "aiadopt.eu (Bericht zum Gesetzgebungsverfahren)",
	"engx.theiet.org":      "Institution of Engineering and Technology",
	"futuriq.de":           "futuriq (Bericht)",
	"epium.com":            "Epium (Bericht; nur noch in ai-basics 1.0.0)",
	"getactready.com":      "getactready (Bericht; nur noch in ai-basics 1.0.0)",
}

var (
	lessonURL     = regexp.MustCompile(`https?://[^\s)>\]]+`)
	lessonHeading = regexp.MustCompile(`(?m)^## (.+)$`)
	numberedEntry = regexp.MustCompile(`(?m)^\d+\. \S`)
)

// TestShippedLessonsEndWithSourcesFromKnownPublishers checks the newest version of every shipped
// course: each lesson ends with a "Quellen"/"Sources" section with numbered entries, and every
// address in a lesson belongs to a publisher listed above.
func TestShippedLessonsEndWithSourcesFromKnownPublishers(t *testing.T) {
	cat := shippedCatalog(t)
	lessons := 0
	for _, l := range newestLessons(t, cat) {
		want := "Quellen"
		if l.Version.Manifest.Language == "en" {
			want = "Sources"
		}
		lessons++
		headings := lessonHeading.FindAllStringSubmatchIndex(l.Text, -1)
		if len(headings) == 0 {
			t.Errorf("%s: no sections at all", l.Name())
			continue
		}
		last := headings[len(headings)-1]
		if got := strings.TrimSpace(l.Text[last[2]:last[3]]); got != want {
			t.Errorf("%s: the last section is %q, want %q", l.Name(), got, want)
		}
		if n := len(numberedEntry.FindAllString(l.Text[last[1]:], -1)); n == 0 {
			t.Errorf("%s: the %s section lists no numbered entries", l.Name(), want)
		}
		for _, raw := range lessonURL.FindAllString(l.Text, -1) {
			u, err := url.Parse(strings.TrimRight(raw, ".,;"))
			if err != nil || knownPublishers[u.Host] == "" {
				t.Errorf("%s: %s is not from a known publisher; check it and add its host to knownPublishers", l.Name(), raw)
			}
		}
	}
	if lessons < 20 {
		t.Fatalf("checked %d lessons; the shipped courses have more", lessons)
	}
}
