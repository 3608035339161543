package learning

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/scorm"
	"github.com/ailit/ailit/internal/store"
)

// The run-time data of package modules (SCORM, cmi5). Each launch of the module page gets a new
// token, the only credential of the package frame; the state machine is internal/scorm, and every
// change is stored before the package gets its answer.

// NewToken returns 32 random bytes, URL-safe (launch tokens and cmi5 auth tokens).
func NewToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// newRegistration is a random UUID (version 4), the cmi5 registration of an attempt.
func newRegistration() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// DecodeState decodes the stored run-time data of a package attempt.
func DecodeState(at *store.PackageAttempt) (*scorm.State, error) {
	st := scorm.NewState(at.Kind)
	if err := json.Unmarshal([]byte(at.State), st); err != nil {
		return nil, fmt.Errorf("package attempt %d: stored state: %w", at.ID, err)
	}
	st.Kind = at.Kind
	return st, nil
}

// Launch starts a launch of module m for enrollment e: it creates the attempt on the first launch
// and otherwise keeps its data and replaces its token (the previous one stops working).
func (s *Service) Launch(ctx context.Context, e *store.Enrollment, m *content.Module) (string, *store.PackageAttempt, error) {
	token, err := NewToken()
	if err != nil {
		return "", nil, err
	}
	var at *store.PackageAttempt
	err = s.db.InTx(ctx, func(tx *store.Tx) error {
		for range 2 { // a second tab may create the attempt at the same moment: then relaunch it
			if at, err = tx.PackageAttemptOf(e.ID, m.ID); err != nil {
				return err
			}
			if at == nil {
				fresh := scorm.NewState(m.Package.Kind)
				if m.Package.Kind == scorm.KindCMI5 {
					fresh.CMI5 = &scorm.CMI5{Registration: newRegistration()}
				}
				state, _ := json.Marshal(fresh)
				at = &store.PackageAttempt{UserID: e.UserID, EnrollmentID: e.ID, CourseID: e.CourseID, Version: e.Version,
					ModuleID: m.ID, ModuleHash: m.Hash, Kind: m.Package.Kind, State: string(state)}
			} else {
				st, err := DecodeState(at)
				if err != nil {
					return err
				}
				st.Relaunch()
				if st.CMI5 != nil { // a new launch fetches a new auth token (cmi5 spec §8.2)
					st.CMI5.Fetched, st.CMI5.AuthHash = false, ""
				}
				state, _ := json.Marshal(st)
				at.State = string(state)
			}
			if err := tx.LaunchPackage(at, token); err != nil {
				return err
			}
			if at.ID != 0 {
				return nil
			}
		}
		return fmt.Errorf("could not create the package attempt of %s", m.ID)
	})
	return token, at, err
}

// PackageTarget is what a launch token leads to: the attempt, its version and module.
type PackageTarget struct {
	Attempt *store.PackageAttempt
	Version *content.Version
	Module  *content.Module
}

// TargetOf resolves an attempt to its published version and package module; nil when the version
// or module is gone or no longer runs this package.
func (s *Service) TargetOf(at *store.PackageAttempt) *PackageTarget {
	if at == nil {
		return nil
	}
	v := s.lib.Catalog().Version(at.CourseID, at.Version)
	if v == nil || v.Draft {
		return nil
	}
	m := v.Module(at.ModuleID)
	if m == nil || m.Package == nil || !m.Package.Runnable() || m.Package.Kind != at.Kind {
		return nil
	}
	return &PackageTarget{Attempt: at, Version: v, Module: m}
}

// PackageChange changes the run-time data st of a locked attempt. It returns whether to store st,
// and whether the outcome counts for the module now (Commit, Terminate, the unload beacon, cmi5
// statements).
type PackageChange func(t *PackageTarget, st *scorm.State) (save, evaluate bool, err error)

// UpdatePackage runs change on the attempt of a launch token in one transaction, with the attempt
// locked. found is false when the launch has ended (a newer launch replaced the token) or its
// version is no longer served.
func (s *Service) UpdatePackage(ctx context.Context, token string, change PackageChange) (found bool, err error) {
	err = s.db.InTx(ctx, func(tx *store.Tx) error {
		locked, err := tx.LockPackageAttempt(token)
		if err != nil || locked == nil {
			return err
		}
		t := s.TargetOf(locked)
		if t == nil {
			return nil
		}
		found = true
		st, err := DecodeState(locked)
		if err != nil {
			return err
		}
		save, evaluate, err := change(t, st)
		if err != nil || !save {
			return err
		}
		return s.storeOutcome(tx, t, st, evaluate)
	})
	return found, err
}

// storeOutcome writes the state back inside tx and, with evaluate, maps the package's outcome to
// the module: completed or passed marks the module done under the course's completion rule, which
// may complete the course in the same transaction.
func (s *Service) storeOutcome(tx *store.Tx, t *PackageTarget, st *scorm.State, evaluate bool) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	at := t.Attempt
	at.State = string(b)
	o := st.Outcome(t.Module.Package.MoveOn)
	at.Status, at.Score = o.Status, o.Score
	if evaluate && o.ModuleDone() && at.CompletedAt == nil {
		e, err := tx.EnrollmentForUpdate(at.UserID, at.CourseID)
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return err
		}
		// Progress counts only in the version the learner is enrolled in (they may have switched).
		if e != nil && e.ID == at.EnrollmentID && e.Version == at.Version {
			if _, _, err := s.recordProgress(tx, e, t.Version, t.Module, stepRead); err != nil {
				return err
			}
			now := tx.Now()
			at.CompletedAt = &now
		}
	}
	return tx.SavePackageState(at)
}
