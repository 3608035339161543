package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/scorm"
	"github.com/ailit/ailit/internal/store"
)

// Package modules run in an iframe under /pkg/<token>/ (package_file.go, package_api.go). The
// token is created for each launch of the module page and is the only credential of that path:
// the package frame is sandboxed without allow-same-origin, so it has an opaque origin, sends
// and reads no cookies of the platform, and reaches the SCORM API only through the adapter that
// ailit puts into its pages (web/static/scorm-api.js). The server holds the state machine.

// newLaunchToken returns 32 random bytes, URL-safe.
func newLaunchToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// launchPackage starts a launch of module m for enrollment e: it creates the attempt on the first
// launch and otherwise keeps its data and replaces its token.
func (a *App) launchPackage(ctx context.Context, e *store.Enrollment, m *content.Module) (string, *store.PackageAttempt, error) {
	token, err := newLaunchToken()
	if err != nil {
		return "", nil, err
	}
	var at *store.PackageAttempt
	err = a.db.Tx(ctx, func(tx *gorm.DB) error {
		for range 2 { // a second tab may create the attempt at the same moment: then relaunch it
			if at, err = store.PackageAttemptOf(tx, e.ID, m.ID); err != nil {
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
				st, err := decodeState(at)
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
			if err := a.db.LaunchPackage(tx, at, token); err != nil {
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

// newRegistration is a random UUID (version 4), the cmi5 registration of an attempt.
func newRegistration() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func decodeState(at *store.PackageAttempt) (*scorm.State, error) {
	st := scorm.NewState(at.Kind)
	if err := json.Unmarshal([]byte(at.State), st); err != nil {
		return nil, fmt.Errorf("package attempt %d: stored state: %w", at.ID, err)
	}
	st.Kind = at.Kind
	return st, nil
}

// packageTarget is what a token leads to: the attempt, its version and module in the catalog.
type packageTarget struct {
	Attempt *store.PackageAttempt
	Version *content.Version
	Module  *content.Module
}

// packageTargetOf resolves an attempt to its published version and package module; nil when the
// version or module is gone or no longer runs this package.
func (a *App) packageTargetOf(at *store.PackageAttempt) *packageTarget {
	if at == nil {
		return nil
	}
	v := a.lib.Catalog().Version(at.CourseID, at.Version)
	if v == nil || v.Draft {
		return nil
	}
	m := v.Module(at.ModuleID)
	if m == nil || m.Package == nil || !m.Package.Runnable() || m.Package.Kind != at.Kind {
		return nil
	}
	return &packageTarget{Attempt: at, Version: v, Module: m}
}

// launchOf is what the data model tells the package about the learner and the package.
func (a *App) launchOf(ctx context.Context, t *packageTarget) (scorm.Launch, error) {
	u, err := a.db.UserByID(ctx, t.Attempt.UserID)
	if err != nil {
		return scorm.Launch{}, err
	}
	return scorm.Launch{LearnerID: "ailit-" + strconv.FormatInt(u.ID, 10), LearnerName: scorm.LearnerName(t.Attempt.Kind, u.DisplayName),
		MasteryScore: t.Module.Package.MasteryScore}, nil
}

// storeOutcome writes the state back inside tx and, on Commit, Terminate and the unload beacon,
// maps the package's outcome to the module: completed or passed marks the module done under the
// course's completion rule, which may complete the course in the same transaction.
func (a *App) storeOutcome(tx *gorm.DB, t *packageTarget, st *scorm.State, evaluate bool) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	at := t.Attempt
	at.State = string(b)
	o := st.Outcome(t.Module.Package.MoveOn)
	at.Status, at.Score = o.Status, o.Score
	if evaluate && o.ModuleDone() && at.CompletedAt == nil {
		e, err := a.db.EnrollmentForUpdate(tx, at.UserID, at.CourseID)
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return err
		}
		// Progress counts only in the version the learner is enrolled in (they may have switched).
		if e != nil && e.ID == at.EnrollmentID && e.Version == at.Version {
			if _, _, err := a.recordProgress(tx, e, t.Version, t.Module, stepRead); err != nil {
				return err
			}
			now := a.db.Now()
			at.CompletedAt = &now
		}
	}
	return a.db.SavePackageState(tx, at)
}
