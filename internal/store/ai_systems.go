package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/measure"
)

// AISystem is one AI system of the inventory ("KI-Register"); see internal/inventory for the
// meaning of the fields. Classification holds codes of the fixed list, comma-separated.
type AISystem struct {
	ID             int64  `gorm:"primaryKey"`
	Key            string `gorm:"column:system_key;size:80;not null;uniqueIndex:idx_ai_systems_system_key"`
	Name           string `gorm:"size:200;not null"`
	Provider       string `gorm:"size:200;not null;default:''"`
	Purpose        string `gorm:"size:2000;not null"`
	Status         string `gorm:"size:20;not null"`
	Classification string `gorm:"size:200;not null;default:''"`
	AnnexArea      int    `gorm:"not null;default:0"`
	Contact        string `gorm:"size:200;not null;default:''"`
	DPIALink       string `gorm:"column:dpia_link;size:500;not null;default:''"`
	FRIALink       string `gorm:"column:fria_link;size:500;not null;default:''"`
	ContractLink   string `gorm:"size:500;not null;default:''"`
	ReviewDate     *time.Time
	Public         bool             `gorm:"not null;default:false"`
	CreatedAt      time.Time        `gorm:"not null"`
	UpdatedAt      time.Time        `gorm:"not null"`
	Units          []AISystemUnit   `gorm:"foreignKey:SystemID;constraint:OnDelete:CASCADE"`
	Rules          []AISystemRule   `gorm:"foreignKey:SystemID;constraint:OnDelete:CASCADE"`
	Holders        []AISystemHolder `gorm:"foreignKey:SystemID;constraint:OnDelete:CASCADE"`
}

// AISystemUnit says that the people of an org unit use a system (they are its users).
type AISystemUnit struct {
	SystemID  int64 `gorm:"primaryKey;autoIncrement:false"`
	OrgUnitID int64 `gorm:"primaryKey;autoIncrement:false;index:idx_ai_system_units_org_unit_id"`
}

// Sources of a role holder.
const (
	HolderByAdmin = "admin" // named on the system's page
	HolderBySSO   = "sso"   // derived from an SSO group at login (mapping file, ai_system_roles)
)

// AISystemHolder is a person taking a role for a system beyond the default "user".
type AISystemHolder struct {
	SystemID int64  `gorm:"primaryKey;autoIncrement:false"`
	UserID   int64  `gorm:"primaryKey;autoIncrement:false;index:idx_ai_system_holders_user_id"`
	Role     string `gorm:"primaryKey;size:20"`
	Source   string `gorm:"size:10;not null"`
}

// AISystemRule requires a measure of the people in a role; AssignmentID is the assignment that
// carries it out (nil until derived, or for kinds of measure assignments cannot carry yet).
type AISystemRule struct {
	ID             int64  `gorm:"primaryKey"`
	SystemID       int64  `gorm:"not null;uniqueIndex:idx_ai_system_rules_system_role_measure,priority:1"`
	Role           string `gorm:"size:20;not null;uniqueIndex:idx_ai_system_rules_system_role_measure,priority:2"`
	Measure        string `gorm:"size:120;not null;uniqueIndex:idx_ai_system_rules_system_role_measure,priority:3"`
	ValidityMonths int    `gorm:"not null;default:0"`
	DueDays        int    `gorm:"not null"`
	AssignmentID   *int64
	CreatedAt      time.Time `gorm:"not null"`
}

// Evidence events of the inventory: every change is in the hash-chained log.
const (
	EventAISystemSaved    = "ai_system.saved"    // created or changed (payload: the whole system)
	EventAISystemRules    = "ai_system.rules"    // rules replaced (payload: the new rules)
	EventAISystemRole     = "ai_system.role"     // a person given or relieved of a role
	EventAISystemImport   = "ai_system.imported" // a file import (payload: counts and keys)
	EventPublicRegister   = "ai_system.public_register"
	SettingPublicRegister = "inventory.public_register" // "on": the public register page is served
)

// Model turns the stored row into the pure model.
func (a *AISystem) Model() inventory.System {
	s := inventory.System{Key: a.Key, Name: a.Name, Provider: a.Provider, Purpose: a.Purpose,
		Status: inventory.Status(a.Status), AnnexIIIArea: a.AnnexArea, Contact: a.Contact, Public: a.Public,
		Documents: inventory.Documents{DPIA: a.DPIALink, FRIA: a.FRIALink, Contract: a.ContractLink}}
	if a.Classification != "" {
		s.Classification = strings.Split(a.Classification, ",")
	}
	if a.ReviewDate != nil {
		s.ReviewDate = *a.ReviewDate
	}
	return s
}

// setModel copies the pure model's fields onto the row.
func (a *AISystem) setModel(s inventory.System) {
	a.Key, a.Name, a.Provider, a.Purpose, a.Status = s.Key, s.Name, s.Provider, s.Purpose, string(s.Status)
	a.Classification = strings.Join(inventory.SortClassification(s.Classification), ",")
	a.AnnexArea, a.Contact, a.Public = s.AnnexIIIArea, s.Contact, s.Public
	a.DPIALink, a.FRIALink, a.ContractLink = s.Documents.DPIA, s.Documents.FRIA, s.Documents.Contract
	a.ReviewDate = nil
	if !s.ReviewDate.IsZero() {
		d := s.ReviewDate.UTC()
		a.ReviewDate = &d
	}
}

// UnitIDs lists the using units.
func (a *AISystem) UnitIDs() []int64 {
	out := make([]int64, 0, len(a.Units))
	for _, u := range a.Units {
		out = append(out, u.OrgUnitID)
	}
	return out
}

// PureRules returns the rules as the pure derivation sees them (rules with a measure that no
// longer parses are skipped: they cannot be carried out).
func (a *AISystem) PureRules() []inventory.Rule {
	out := make([]inventory.Rule, 0, len(a.Rules))
	for _, r := range a.Rules {
		if p, ok := r.Pure(); ok {
			out = append(out, p)
		}
	}
	return out
}

// Pure returns the rule as the pure model.
func (r AISystemRule) Pure() (inventory.Rule, bool) {
	ref, err := measure.Parse(r.Measure)
	return inventory.Rule{Role: r.Role, Measure: ref, ValidityMonths: r.ValidityMonths, DueDays: r.DueDays}, err == nil
}

// PureHolders returns the role holders as the pure model.
func (a *AISystem) PureHolders() []inventory.Holder {
	out := make([]inventory.Holder, 0, len(a.Holders))
	for _, h := range a.Holders {
		out = append(out, inventory.Holder{UserID: h.UserID, Role: h.Role})
	}
	return out
}

// AISystems returns every system with units, rules and holders, by name.
func (s *Store) AISystems(ctx context.Context) ([]AISystem, error) {
	var out []AISystem
	err := s.r.WithContext(ctx).Preload("Units").Preload("Rules", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Preload("Holders").Order("name, id").Find(&out).Error
	return out, err
}

// AISystemByID loads one system with units, rules and holders.
func (s *Store) AISystemByID(ctx context.Context, id int64) (*AISystem, error) {
	var a AISystem
	err := s.r.WithContext(ctx).Preload("Units").Preload("Rules", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Preload("Holders").First(&a, id).Error
	return &a, notFound(err, "AI system")
}

// PublicAISystems returns the systems marked public that people work with or plan to, by name.
func (s *Store) PublicAISystems(ctx context.Context) ([]AISystem, error) {
	var out []AISystem
	err := s.r.WithContext(ctx).Where("public = ? AND status <> ?", true, string(inventory.StatusRetired)).
		Order("name, id").Find(&out).Error
	return out, err
}

// evidencePayload is what the log records of a system: every field, the units and the rules.
func evidencePayload(sys inventory.System, units []int64, rules []inventory.Rule) map[string]any {
	rs := []map[string]any{}
	for _, r := range rules {
		rs = append(rs, map[string]any{"role": r.Role, "measure": r.Measure.String(), "validity_months": r.ValidityMonths, "due_days": r.DueDays})
	}
	p := map[string]any{"key": sys.Key, "name": sys.Name, "provider": sys.Provider, "purpose": sys.Purpose,
		"status": string(sys.Status), "classification": sys.Classification, "annex_iii_area": sys.AnnexIIIArea,
		"contact": sys.Contact, "documents": sys.Documents, "public": sys.Public, "units": units, "rules": rs}
	if !sys.ReviewDate.IsZero() {
		p["review_date"] = sys.ReviewDate.Format(time.DateOnly)
	}
	return p
}

// SaveAISystem creates (id 0) or updates a system with its using units, and logs the change.
// It returns the system's id. A key already used by another system is ECONFLICT.
func (s *Store) SaveAISystem(ctx context.Context, by int64, id int64, sys inventory.System, unitIDs []int64) (int64, error) {
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = s.saveAISystem(tx, by, id, sys, unitIDs)
		return err
	})
	return id, err
}

func (s *Store) saveAISystem(tx *gorm.DB, by int64, id int64, sys inventory.System, unitIDs []int64) (int64, error) {
	var clash int64
	if err := tx.Model(&AISystem{}).Where("system_key = ? AND id <> ?", sys.Key, id).Count(&clash).Error; err != nil {
		return 0, err
	}
	if clash > 0 {
		return 0, domain.Keyed(domain.ECONFLICT, "store.ai_system.exists", "an AI system with the key %q exists already", sys.Key)
	}
	now := s.Now()
	row := AISystem{ID: id, UpdatedAt: now}
	row.setModel(sys)
	if id == 0 {
		row.CreatedAt = now
		if err := tx.Create(&row).Error; err != nil {
			return 0, err
		}
	} else {
		res := tx.Model(&AISystem{}).Where("id = ?", id).Select("system_key", "name", "provider", "purpose", "status",
			"classification", "annex_area", "contact", "dpia_link", "fria_link", "contract_link", "review_date", "public", "updated_at").
			Updates(&row)
		if res.Error != nil {
			return 0, res.Error
		} else if res.RowsAffected == 0 {
			return 0, domain.Errorf(domain.ENOTFOUND, "AI system not found")
		}
		if err := tx.Where("system_id = ?", id).Delete(&AISystemUnit{}).Error; err != nil {
			return 0, err
		}
	}
	seen := map[int64]bool{}
	for _, u := range unitIDs {
		if seen[u] {
			continue
		}
		seen[u] = true
		if err := tx.Create(&AISystemUnit{SystemID: row.ID, OrgUnitID: u}).Error; err != nil {
			return 0, err
		}
	}
	var rules []AISystemRule
	if err := tx.Where("system_id = ?", row.ID).Order("id").Find(&rules).Error; err != nil {
		return 0, err
	}
	sysRow := AISystem{Rules: rules}
	payload := evidencePayload(sys, unitIDs, sysRow.PureRules())
	payload["by"] = by
	_, err := s.appendEvidence(tx, EventAISystemSaved, nil, payload)
	return row.ID, err
}

// SaveAISystemRules replaces a system's rules. A rule that stays (same role and measure) keeps
// its assignment; the assignment of a rule that goes is deleted with its members (completions
// stay: they belong to the person and the course). Call SyncAISystem afterwards.
func (s *Store) SaveAISystemRules(ctx context.Context, by, systemID int64, rules []inventory.Rule) error {
	return s.inTx(ctx, func(tx *gorm.DB) error { return s.saveAISystemRules(tx, by, systemID, rules) })
}

func (s *Store) saveAISystemRules(tx *gorm.DB, by, systemID int64, rules []inventory.Rule) error {
	var old []AISystemRule
	if err := tx.Where("system_id = ?", systemID).Find(&old).Error; err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, r := range rules {
		keep[r.Role+" "+r.Measure.String()] = true
	}
	for _, o := range old {
		if keep[o.Role+" "+o.Measure] {
			continue
		}
		if err := tx.Delete(&AISystemRule{}, o.ID).Error; err != nil {
			return err
		}
		if o.AssignmentID != nil {
			if err := tx.Delete(&Assignment{}, *o.AssignmentID).Error; err != nil {
				return err
			}
		}
	}
	existing := map[string]AISystemRule{}
	for _, o := range old {
		existing[o.Role+" "+o.Measure] = o
	}
	for _, r := range rules {
		if o, ok := existing[r.Role+" "+r.Measure.String()]; ok {
			if err := tx.Model(&AISystemRule{}).Where("id = ?", o.ID).
				Updates(map[string]any{"validity_months": r.ValidityMonths, "due_days": r.DueDays}).Error; err != nil {
				return err
			}
			continue
		}
		row := AISystemRule{SystemID: systemID, Role: r.Role, Measure: r.Measure.String(), ValidityMonths: r.ValidityMonths,
			DueDays: r.DueDays, CreatedAt: s.Now()}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	var sys AISystem
	if err := tx.First(&sys, systemID).Error; err != nil {
		return notFound(err, "AI system")
	}
	rs := []map[string]any{}
	for _, r := range rules {
		rs = append(rs, map[string]any{"role": r.Role, "measure": r.Measure.String(), "validity_months": r.ValidityMonths, "due_days": r.DueDays})
	}
	_, err := s.appendEvidence(tx, EventAISystemRules, nil, map[string]any{"key": sys.Key, "rules": rs, "by": by})
	return err
}

// PublicRegisterEnabled reports whether the admin switched the public register page on.
func (s *Store) PublicRegisterEnabled(ctx context.Context) (bool, error) {
	var rows []Setting
	err := s.r.WithContext(ctx).Where("setting_key = ?", SettingPublicRegister).Find(&rows).Error
	return len(rows) == 1 && rows[0].Value == "on", err
}

// SetPublicRegister switches the public register page on or off, and logs it.
func (s *Store) SetPublicRegister(ctx context.Context, by int64, on bool) error {
	value := "off"
	if on {
		value = "on"
	}
	return s.inTx(ctx, func(tx *gorm.DB) error {
		if err := putSetting(tx, SettingPublicRegister, value, &by, s.Now()); err != nil {
			return err
		}
		_, err := s.appendEvidence(tx, EventPublicRegister, nil, map[string]any{"public_register": value, "by": by})
		return err
	})
}
