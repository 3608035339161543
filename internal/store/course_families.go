package store

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// Course families in the database. A published version that names, with translation_of, the
// course it translates records that link beside its content hash (course_version_hashes), as
// immutable as the version. The family of a course X is its root R (the course X translates, else
// X itself) and every course with a version that names R. A completion of any course of the family
// counts for an assignment of any other. Families.Of is that definition; the SQL of the member facts
// and the report queries is written from it (inFamilySQL), so both agree.

// inFamilySQL is the SQL condition that column names a course of the family of the course the SQL
// expression course yields: the course itself, or for a course of a family of several, one of
// them. The families are few and small and are written into the statement (course ids are plain
// words; quotes are escaped all the same), so the database looks each family up once per row
// instead of deriving it from course_version_hashes in every subquery (nine times faster for the
// member facts of 80,000 people).
func (f Families) inFamilySQL(column, course string) string {
	var keys []string
	for k := range f.root {
		keys = append(keys, k)
	}
	for k := range f.members {
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return column + " = " + course
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var b strings.Builder
	b.WriteString("CASE " + course) // course is evaluated once
	for _, k := range keys {
		b.WriteString(" WHEN " + sqlLiteral(k) + " THEN " + column + " IN (")
		for i, id := range f.Of(k) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(sqlLiteral(id))
		}
		b.WriteString(")")
	}
	b.WriteString(" ELSE " + column + " = " + course + " END")
	return b.String()
}

func sqlLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// Families maps courses to their family, as read from the recorded versions.
type Families struct {
	root    map[string]string   // translation → the course it translates
	members map[string][]string // root → its translations, sorted
}

// Root returns the root of a course's family.
func (f Families) Root(courseID string) string {
	if r, ok := f.root[courseID]; ok {
		return r
	}
	return courseID
}

// Of returns the ids of a course's family, the root first.
func (f Families) Of(courseID string) []string {
	root := f.Root(courseID)
	return append([]string{root}, f.members[root]...)
}

// families reads the course families.
func families(db *gorm.DB) (Families, error) {
	var rows []struct {
		CourseID      string
		TranslationOf string
	}
	err := db.Raw(`SELECT course_id, translation_of FROM course_version_hashes WHERE translation_of <> '' ORDER BY course_id, translation_of`).
		Scan(&rows).Error
	f := Families{root: map[string]string{}, members: map[string][]string{}}
	for _, r := range rows {
		f.root[r.CourseID] = r.TranslationOf // rows are ordered: the last is MAX(translation_of), as in SQL
		if !slices.Contains(f.members[r.TranslationOf], r.CourseID) && r.CourseID != r.TranslationOf {
			f.members[r.TranslationOf] = append(f.members[r.TranslationOf], r.CourseID)
		}
	}
	return f, err
}

// familyIDs returns the ids of a course's family.
func familyIDs(db *gorm.DB, courseID string) ([]string, error) {
	f, err := families(db)
	return f.Of(courseID), err
}

// Families returns the course families as the database records them.
func (s *Store) Families(ctx context.Context) (Families, error) {
	return families(s.r.WithContext(ctx))
}
