package importer

import "strings"

// Fields are one person as another system sends them (the REST API's JSON rows): the six columns
// of the HR file, checked by the same rules, so both ways into ailit accept the same people.
type Fields struct {
	PersonnelNumber, LastName, FirstName, Email, OrgUnit string
	Roles                                                []string
}

// fieldsIndex is the position of each column in the record CheckFields builds.
var fieldsIndex = map[string]int{"personnel_number": 0, "last_name": 1, "first_name": 2, "email": 3, "org_unit": 4, "roles": 5}

// FromFields checks a list of people like Parse checks the lines of a file. The "line" of a
// person is their position in the list, counted from 1.
func FromFields(list []Fields) ([]Row, []LineError) {
	var rows []Row
	var errs []LineError
	shared := sharedSlices{paths: map[string][]string{}, roles: map[string][]string{}}
	for i, f := range list {
		line := i + 1
		rec := []string{f.PersonnelNumber, f.LastName, f.FirstName, f.Email, f.OrgUnit, strings.Join(f.Roles, ",")}
		for j := range rec {
			rec[j] = strings.TrimSpace(rec[j])
		}
		if e, ok := checkLengths(line, rec, fieldsIndex); !ok {
			errs = append(errs, e)
			continue
		}
		row := Row{Line: line, PersonnelNumber: rec[0], LastName: rec[1], FirstName: rec[2],
			Email: strings.ToLower(rec[3]), OrgPath: shared.path(rec[4])}
		if e, ok := checkRow(&row, rec[5], shared.roles); !ok {
			errs = append(errs, e)
			continue
		}
		rows = append(rows, row)
	}
	return rows, errs
}
