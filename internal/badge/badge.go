// Package badge issues records of participation as Open Badges 3.0 credentials: an
// OpenBadgeCredential (W3C Verifiable Credentials Data Model 2.0 with the OB 3.0 context), secured
// as a VC-JWT signed with the instance's Ed25519 key (EdDSA), and verifies such a credential
// offline. It is pure: the web layer supplies the record, the issuer and the key.
//
// Why VC-JWT and not an embedded Data Integrity proof: it needs no RDF canonicalisation and no
// JSON-LD context documents at run time (ailit makes no external requests), and any JOSE library
// verifies it. The trade-off is that wallets limited to the eddsa-rdfc-2022 suite cannot read it.
package badge

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// The JSON-LD contexts an OB 3.0 credential must carry, in this order.
var contexts = []string{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}

// Issuer is the instance as the issuer profile names it.
type Issuer struct {
	ID   string // a URL on the instance (BaseURL + "/badges/issuer")
	Name string // the organisation
	URL  string // the instance's home page
}

// Achievement is what was completed: the course version.
type Achievement struct {
	CourseID    string
	Version     string
	Title       string
	Summary     string
	Language    string
	Level       string   // L1, L2, L3
	Competences []string // competence area codes, e.g. KA-RECHT
	AreaNames   []string // their names, in the same order
	ContentHash string
	Criteria    string // how it was earned, in words
}

// Award is one completion to issue.
type Award struct {
	RecordID    string
	CompletedAt time.Time
	ValidUntil  time.Time // zero: does not expire
	Email       string    // hashed with a salt into the subject's identifier, never in clear text
	Salt        string
	Achievement Achievement
}

// Credential is the OB 3.0 credential as JSON. Only fields with a value are written.
type Credential struct {
	Context           []string          `json:"@context"`
	ID                string            `json:"id"`
	Type              []string          `json:"type"`
	Issuer            profile           `json:"issuer"`
	ValidFrom         string            `json:"validFrom"`
	ValidUntil        string            `json:"validUntil,omitempty"`
	Name              string            `json:"name"`
	CredentialSubject credentialSubject `json:"credentialSubject"`
}

type profile struct {
	ID   string   `json:"id"`
	Type []string `json:"type"`
	Name string   `json:"name"`
	URL  string   `json:"url,omitempty"`
}

type credentialSubject struct {
	Type        []string         `json:"type"`
	Identifier  []identityObject `json:"identifier"`
	Achievement achievement      `json:"achievement"`
}

type identityObject struct {
	Type         string `json:"type"`
	IdentityHash string `json:"identityHash"`
	IdentityType string `json:"identityType"`
	Hashed       bool   `json:"hashed"`
	Salt         string `json:"salt"`
}

type achievement struct {
	ID              string            `json:"id"`
	Type            []string          `json:"type"`
	AchievementType string            `json:"achievementType"`
	Name            string            `json:"name"`
	Description     string            `json:"description"`
	Criteria        criteria          `json:"criteria"`
	Version         string            `json:"version"`
	InLanguage      string            `json:"inLanguage,omitempty"`
	Tag             []string          `json:"tag,omitempty"`
	Alignment       []alignment       `json:"alignment,omitempty"`
	OtherIdentifier []identifierEntry `json:"otherIdentifier"`
}

type criteria struct {
	Narrative string `json:"narrative"`
}

type alignment struct {
	Type       []string `json:"type"`
	TargetCode string   `json:"targetCode"`
	TargetName string   `json:"targetName"`
	TargetURL  string   `json:"targetUrl"`
	TargetType string   `json:"targetType"`
}

type identifierEntry struct {
	Type           string `json:"type"`
	Identifier     string `json:"identifier"`
	IdentifierType string `json:"identifierType"`
}

// New builds the credential of an award issued by iss; base is the instance's base URL.
func New(a Award, iss Issuer, base string) Credential {
	base = strings.TrimRight(base, "/")
	ach := a.Achievement
	c := Credential{
		Context:   contexts,
		ID:        base + "/badges/" + a.RecordID,
		Type:      []string{"VerifiableCredential", "OpenBadgeCredential"},
		Issuer:    profile{ID: iss.ID, Type: []string{"Profile"}, Name: iss.Name, URL: iss.URL},
		ValidFrom: a.CompletedAt.UTC().Truncate(time.Second).Format(time.RFC3339),
		Name:      ach.Title + " " + ach.Version,
		CredentialSubject: credentialSubject{
			Type: []string{"AchievementSubject"},
			Identifier: []identityObject{{Type: "IdentityObject", IdentityHash: EmailHash(a.Email, a.Salt),
				IdentityType: "emailAddress", Hashed: true, Salt: a.Salt}},
			Achievement: achievement{
				ID:              base + "/badges/achievements/" + ach.CourseID + "/" + ach.Version,
				Type:            []string{"Achievement"},
				AchievementType: "Course",
				Name:            ach.Title,
				Description:     ach.Summary,
				Criteria:        criteria{Narrative: ach.Criteria},
				Version:         ach.Version,
				InLanguage:      ach.Language,
				OtherIdentifier: []identifierEntry{
					{Type: "IdentifierEntry", Identifier: ach.CourseID, IdentifierType: "identifier"},
					{Type: "IdentifierEntry", Identifier: "sha256:" + ach.ContentHash, IdentifierType: "identifier"},
				},
			},
		},
	}
	if ach.Level != "" {
		c.CredentialSubject.Achievement.Tag = []string{"level:" + ach.Level}
	}
	for i, code := range ach.Competences {
		name := code
		if i < len(ach.AreaNames) && ach.AreaNames[i] != "" {
			name = ach.AreaNames[i]
		}
		c.CredentialSubject.Achievement.Alignment = append(c.CredentialSubject.Achievement.Alignment, alignment{
			Type: []string{"Alignment"}, TargetCode: code, TargetName: name,
			TargetURL: base + "/courses?area=" + code, TargetType: "ceasn:Competency"})
	}
	if !a.ValidUntil.IsZero() {
		c.ValidUntil = a.ValidUntil.UTC().Truncate(time.Second).Format(time.RFC3339)
	}
	return c
}

// EmailHash is the OB identity hash of an e-mail address: "sha256$" + hex(sha256(email + salt)),
// with the address in lower case.
func EmailHash(email, salt string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email)) + salt))
	return "sha256$" + hex.EncodeToString(sum[:])
}
