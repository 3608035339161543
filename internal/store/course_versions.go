package store

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// RecordVersionHash stores the content hash of a published course version the first time it is
// seen and returns the hash recorded first, so the loader can refuse a version whose files changed.
// translationOf is the course the version translates (translation_of), recorded with it; when a
// course first joins a family that way, the member facts of the family's assignments are
// recomputed, so completions of the translation count at once.
func (s *Store) RecordVersionHash(courseID, version, hash, translationOf string) (string, error) {
	ctx := context.Background()
	row := CourseVersionHash{CourseID: courseID, Version: version, Hash: hash, FirstSeenAt: s.Now(), TranslationOf: translationOf}
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
		if res.Error != nil || res.RowsAffected == 0 || translationOf == "" {
			return res.Error
		}
		return refreshFamilyMembers(tx, courseID)
	})
	if err != nil {
		return "", err
	}
	var first CourseVersionHash
	err = s.w.WithContext(ctx).Where("course_id = ? AND version = ?", courseID, version).First(&first).Error
	return first.Hash, err
}

// RecordedVersionHashes returns the first-recorded hash of every published version by
// "course/version", so the course library can serve kept copies of versions whose folder is
// broken or gone.
func (s *Store) RecordedVersionHashes() (map[string]string, error) {
	var rows []CourseVersionHash
	if err := s.r.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.CourseID+"/"+r.Version] = r.Hash
	}
	return out, nil
}
