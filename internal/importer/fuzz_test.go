package importer_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ailit/ailit/internal/importer"
)

// FuzzParse feeds arbitrary bytes to the HR CSV parser: it must never panic, and whatever it
// accepts must satisfy what the import plan relies on.
func FuzzParse(f *testing.F) {
	f.Add([]byte("\xef\xbb\xbfPersonalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\r\n" +
		"000001;Braun;Eva;Eva.Braun@Stadt.example;Stadt/Amt 63/Team Bau;learner,manager\r\n"))
	f.Add([]byte("personnel_number,last_name,first_name,email,org_unit,roles\n1,A,B,a@b.example,X,admin\n\n2,\"C\nD\",E,e@f.example,Y/Z,\n"))
	f.Add([]byte("Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\n3;\"ohne Ende;Ö;x@y.example;Amt;chef\n"))
	f.Add([]byte("Personalnummer;Nachname\n\xe4\xf6\xfc"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, lineErrs, err := importer.Parse(bytes.NewReader(data))
		if err != nil {
			var fe *importer.FileError
			if !errors.As(err, &fe) || fe.Key == "" {
				t.Fatalf("a file error must be a *FileError with a message key, got %v", err)
			}
			if rows != nil || lineErrs != nil {
				t.Fatal("a file error comes without rows or line errors")
			}
			return
		}
		for _, e := range lineErrs {
			if e.Key == "" || e.Line < 0 {
				t.Fatalf("line error without key or with a negative line: %+v", e)
			}
		}
		for _, r := range rows {
			if r.Line < 1 || r.PersonnelNumber == "" || r.LastName == "" || r.FirstName == "" || len(r.OrgPath) == 0 {
				t.Fatalf("accepted row lacks a required field: %+v", r)
			}
			if !strings.Contains(r.Email, "@") || r.Email != strings.ToLower(r.Email) || !utf8.ValidString(r.Email) {
				t.Fatalf("accepted row has an unusable email: %q", r.Email)
			}
			if len(r.Roles) == 0 {
				t.Fatalf("accepted row has no role: %+v", r)
			}
			for _, role := range r.Roles {
				if !slices.Contains(importer.ImportableRoles, role) {
					t.Fatalf("accepted row has role %q", role)
				}
			}
		}
	})
}
