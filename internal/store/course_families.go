package store

import (
	"context"
	"slices"

	"gorm.io/gorm"
)

// Course families in the database. A published version that names, with translation_of, the
// course it translates records that link beside its content hash (course_version_hashes), as
// immutable as the version. The family of a course X is its root R (the course X translates, else
// X itself) and every course with a version that names R. A completion of any course of the family
// counts for an assignment of any other. Both forms below, SQL for the member facts and Go for the
// status records, follow this one definition.

// familyRootSQL is the root of the course that the SQL expression course yields.
func familyRootSQL(course string) string {
	return `COALESCE((SELECT MAX(h.translation_of) FROM course_version_hashes h WHERE h.course_id = ` + course +
		` AND h.translation_of <> ''), ` + course + `)`
}

// familySQL is a subquery of the ids of the family of the course that the SQL expression course
// yields, for "c.course_id IN " + familySQL(…).
func familySQL(course string) string {
	root := familyRootSQL(course)
	return `(SELECT ` + root + ` UNION SELECT f.course_id FROM course_version_hashes f WHERE f.translation_of = ` + root + `)`
}

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
	return families(s.R.WithContext(ctx))
}
