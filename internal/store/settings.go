package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Setting is one value an admin changes at run time (see settings keys below).
type Setting struct {
	Key       string `gorm:"column:setting_key;primaryKey"`
	Value     string `gorm:"not null"`
	UpdatedBy *int64
	UpdatedAt time.Time `gorm:"not null"`
}

// Setting keys of the manager reports.
const (
	SettingPrivacyLevel = "report.privacy_level" // aggregate, status or results
	SettingMinGroupSize = "report.k"             // smallest group shown in aggregates
	SettingLegalWording = "report.legal_wording" // legal-status text printed in the Art. 4 evidence
	settingPseudonymKey = "report.pseudonym_key" // HMAC key for pseudonymous ids; never shown
)

// EventReportSettingsChanged records who changed the report settings, from what to what.
const EventReportSettingsChanged = "report.settings_changed"

// DefaultLegalWording is the legal-status text until an admin sets their own.
const DefaultLegalWording = "Nachweis von Maßnahmen zur Sicherstellung der KI-Kompetenz nach Art. 4 der Verordnung (EU) 2024/1689 (KI-Verordnung). Teilnahmebestätigung, kein Zertifikat. Rechtsstand: siehe Kursversionen."

// ReportSettings are what manager reports are built with.
type ReportSettings struct {
	Level        string // aggregate, status or results
	K            int    // smallest group shown
	LegalWording string
}

// ReportSettings reads the settings; unset values fall back to defaultLevel (the operator's
// AILIT_PRIVACY_LEVEL), k = 5 and DefaultLegalWording.
func (s *Store) ReportSettings(ctx context.Context, defaultLevel string) (ReportSettings, error) {
	rs := ReportSettings{Level: defaultLevel, K: 5, LegalWording: DefaultLegalWording}
	var rows []Setting
	if err := s.r.WithContext(ctx).Where("setting_key IN ?", []string{SettingPrivacyLevel, SettingMinGroupSize, SettingLegalWording}).Find(&rows).Error; err != nil {
		return rs, err
	}
	for _, r := range rows {
		switch r.Key {
		case SettingPrivacyLevel:
			rs.Level = r.Value
		case SettingMinGroupSize:
			if k, err := strconv.Atoi(r.Value); err == nil && k > 0 {
				rs.K = k
			}
		case SettingLegalWording:
			rs.LegalWording = r.Value
		}
	}
	return rs, nil
}

// SaveReportSettings stores new settings and, in the same transaction, appends an evidence event
// with who changed what from which value to which. Unchanged settings log nothing.
func (s *Store) SaveReportSettings(ctx context.Context, by int64, old, new ReportSettings) error {
	changes := map[string]any{}
	values := map[string]string{}
	if old.Level != new.Level {
		changes["privacy_level"] = map[string]string{"from": old.Level, "to": new.Level}
		values[SettingPrivacyLevel] = new.Level
	}
	if old.K != new.K {
		changes["k"] = map[string]int{"from": old.K, "to": new.K}
		values[SettingMinGroupSize] = strconv.Itoa(new.K)
	}
	if old.LegalWording != new.LegalWording {
		changes["legal_wording"] = map[string]string{"from": old.LegalWording, "to": new.LegalWording}
		values[SettingLegalWording] = new.LegalWording
	}
	if len(changes) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *gorm.DB) error {
		for k, v := range values {
			if err := putSetting(tx, k, v, &by, s.Now()); err != nil {
				return err
			}
		}
		_, err := s.appendEvidence(tx, EventReportSettingsChanged, nil, map[string]any{"by": by, "changes": changes})
		return err
	})
}

func putSetting(tx *gorm.DB, key, value string, by *int64, now time.Time) error {
	return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "setting_key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value", "updated_by", "updated_at"})}).
		Create(&Setting{Key: key, Value: value, UpdatedBy: by, UpdatedAt: now}).Error
}

// PseudonymKey returns the key for pseudonymous ids in reports, creating a random one on first use.
// It stays in the database, so pseudonyms are stable across exports and restarts.
func (s *Store) PseudonymKey(ctx context.Context) ([]byte, error) {
	var row Setting
	err := s.r.WithContext(ctx).Where("setting_key = ?", settingPseudonymKey).First(&row).Error
	if err == nil {
		return hex.DecodeString(row.Value)
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, err
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	err = s.w.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).
		Create(&Setting{Key: settingPseudonymKey, Value: hex.EncodeToString(key), UpdatedAt: s.Now()}).Error
	if err != nil {
		return nil, err
	}
	if err := s.w.WithContext(ctx).Where("setting_key = ?", settingPseudonymKey).First(&row).Error; err != nil {
		return nil, err
	}
	return hex.DecodeString(row.Value) // another instance may have won the race: use its key
}
