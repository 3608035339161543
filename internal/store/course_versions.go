package store

import (
	"context"

	"gorm.io/gorm/clause"
)

// RecordVersionHash stores the content hash of a published course version the first time it is
// seen and returns the hash recorded first, so the loader can refuse a version whose files changed.
func (s *Store) RecordVersionHash(courseID, version, hash string) (string, error) {
	ctx := context.Background()
	row := CourseVersionHash{CourseID: courseID, Version: version, Hash: hash, FirstSeenAt: s.Now()}
	if err := s.W.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return "", err
	}
	var first CourseVersionHash
	err := s.W.WithContext(ctx).Where("course_id = ? AND version = ?", courseID, version).First(&first).Error
	return first.Hash, err
}

// RecordedVersionHashes returns the first-recorded hash of every published version by
// "course/version", so the course library can serve kept copies of versions whose folder is
// broken or gone.
func (s *Store) RecordedVersionHashes() (map[string]string, error) {
	var rows []CourseVersionHash
	if err := s.R.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.CourseID+"/"+r.Version] = r.Hash
	}
	return out, nil
}
