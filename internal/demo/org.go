package demo

import (
	"context"
	"fmt"
	"strconv"

	"github.com/ailit/ailit/internal/store"
)

// The administration of a mid-sized German city (about 200,000 inhabitants): Dezernate, Ämter
// numbered as in the KGSt outline of municipal tasks, and their Sachgebiete, where people work.
type cityAmt struct {
	name        string
	sachgebiete []string
}

type cityDezernat struct {
	name   string
	aemter []cityAmt
}

var city = []cityDezernat{
	{"Dezernat I – Oberbürgermeister, Personal und Digitales", []cityAmt{
		{"10 Haupt- und Personalamt", []string{"10.1 Organisation", "10.2 Personalservice", "10.3 Aus- und Fortbildung"}},
		{"12 Amt für Digitalisierung und IT", []string{"12.1 IT-Betrieb", "12.2 Digitale Verwaltung", "12.3 Informationssicherheit"}},
		{"14 Rechnungsprüfungsamt", []string{"14.1 Prüfung"}},
		{"30 Rechtsamt", []string{"30.1 Rechtsberatung und Prozesse", "30.2 Vergabestelle"}},
	}},
	{"Dezernat II – Finanzen, Ordnung und Bürgerservice", []cityAmt{
		{"20 Kämmerei", []string{"20.1 Haushalt", "20.2 Stadtkasse"}},
		{"21 Steueramt", []string{"21.1 Grundsteuer", "21.2 Gewerbesteuer"}},
		{"32 Ordnungsamt", []string{"32.1 Allgemeine Ordnungsangelegenheiten", "32.2 Gewerbe", "32.3 Verkehrsüberwachung"}},
		{"33 Bürgeramt", []string{"33.1 Bürgerbüro Mitte", "33.2 Bürgerbüro Nord", "33.3 Ausländerbehörde"}},
		{"34 Standesamt", []string{"34.1 Beurkundungen und Eheschließungen"}},
		{"37 Feuerwehr", []string{"37.1 Einsatzdienst", "37.2 Vorbeugender Brandschutz"}},
	}},
	{"Dezernat III – Jugend, Soziales und Bildung", []cityAmt{
		{"40 Schul- und Sportamt", []string{"40.1 Schulverwaltung", "40.2 Sportstätten"}},
		{"41 Kulturamt", []string{"41.1 Stadtbibliothek", "41.2 Volkshochschule"}},
		{"50 Sozialamt", []string{"50.1 Grundsicherung", "50.2 Wohngeld", "50.3 Eingliederungshilfe"}},
		{"51 Jugendamt", []string{"51.1 Allgemeiner Sozialer Dienst", "51.2 Kindertagesbetreuung", "51.3 Wirtschaftliche Jugendhilfe"}},
	}},
	{"Dezernat IV – Bauen, Umwelt und Mobilität", []cityAmt{
		{"61 Stadtplanungsamt", []string{"61.1 Bauleitplanung", "61.2 Verkehrsplanung"}},
		{"63 Bauordnungsamt", []string{"63.1 Baugenehmigungen", "63.2 Bauaufsicht"}},
		{"66 Tiefbauamt", []string{"66.1 Straßenbau", "66.2 Grünflächen und Friedhöfe"}},
		{"70 Umweltamt", []string{"70.1 Immissionsschutz", "70.2 Abfallwirtschaft"}},
		{"80 Amt für Wirtschaftsförderung", []string{"80.1 Unternehmensservice"}},
	}},
}

// genericSachgebiete name the Sachgebiete of a larger tree than the city's own list.
var genericSachgebiete = []string{"Grundsatz und Steuerung", "Service und Beratung", "Sachbearbeitung",
	"Zentrale Dienste", "Fachaufsicht", "Bescheide und Widersprüche", "Planung", "Vollzug"}

type amt struct {
	id    int64
	teams []int64 // the Sachgebiete
}

// plannedAmt is an Amt of the city chosen for a tree of a given size, with its Sachgebiete.
type plannedAmt struct {
	dezernat    int
	name        string
	sachgebiete []string
}

// planCity chooses the units of a tree of about n units (at least root, Dezernat, Amt and
// Sachgebiet): Ämter taken from the Dezernate in turn, each with at least one Sachgebiet, then
// further Sachgebiete in turn; past the city's own list, numbered Sachgebiete are added.
func planCity(n int) []plannedAmt {
	var order []plannedAmt // Ämter, alternating between the Dezernate
	for i := 0; ; i++ {
		added := false
		for d, dez := range city {
			if i < len(dez.aemter) {
				order = append(order, plannedAmt{dezernat: d, name: dez.aemter[i].name})
				added = true
			}
		}
		if !added {
			break
		}
	}
	cost := func(k int) int { // root, the Dezernate of the first k Ämter, the Ämter, one Sachgebiet each
		dez := map[int]bool{}
		for _, a := range order[:k] {
			dez[a.dezernat] = true
		}
		return 1 + len(dez) + 2*k
	}
	k := 1
	for k < len(order) && cost(k+1) <= n {
		k++
	}
	plan := order[:k]
	named := func(a plannedAmt) []string {
		for _, am := range city[a.dezernat].aemter {
			if am.name == a.name {
				return am.sachgebiete
			}
		}
		return nil
	}
	left := max(0, n-cost(k)) + k
	for round := 0; left > 0; round++ {
		for i := range plan {
			if left == 0 {
				break
			}
			list := named(plan[i])
			name := ""
			if round < len(list) {
				name = list[round]
			} else {
				extra := round - len(list)
				name = fmt.Sprintf("%s.%d %s", amtNumber(plan[i].name), round+1, genericSachgebiete[extra%len(genericSachgebiete)])
				if extra >= len(genericSachgebiete) {
					name += " " + strconv.Itoa(extra/len(genericSachgebiete)+1)
				}
			}
			plan[i].sachgebiete = append(plan[i].sachgebiete, name)
			left--
		}
	}
	return plan
}

// amtNumber is the number in front of an Amt's name ("32 Ordnungsamt" → "32").
func amtNumber(name string) string {
	for i, r := range name {
		if r == ' ' {
			return name[:i]
		}
	}
	return name
}

// seedUnits builds Stadtverwaltung → Dezernate → Ämter → Sachgebiete with about n units in all.
func seedUnits(ctx context.Context, db *store.Store, n int, res *Result) ([]amt, error) {
	root, err := db.CreateOrgUnit(ctx, nil, "Stadtverwaltung Musterstadt")
	if err != nil {
		return nil, err
	}
	res.Units = append(res.Units, root.ID)
	var amts []amt
	err = db.InTx(ctx, func(tx *store.Tx) error {
		create := func(parent *store.OrgUnit, name string) (*store.OrgUnit, error) {
			u, err := tx.CreateOrgUnit(&parent.ID, name)
			if err == nil {
				res.Units = append(res.Units, u.ID)
			}
			return u, err
		}
		dezernate := map[int]*store.OrgUnit{}
		for _, p := range planCity(n) {
			dez := dezernate[p.dezernat]
			if dez == nil {
				var err error
				if dez, err = create(root, city[p.dezernat].name); err != nil {
					return err
				}
				dezernate[p.dezernat] = dez
			}
			au, err := create(dez, p.name)
			if err != nil {
				return err
			}
			a := amt{id: au.ID}
			for _, sg := range p.sachgebiete {
				u, err := create(au, sg)
				if err != nil {
					return err
				}
				a.teams = append(a.teams, u.ID)
				res.Leaves = append(res.Leaves, u.ID)
			}
			amts = append(amts, a)
		}
		return nil
	})
	return amts, err
}
