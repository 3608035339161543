package api

import (
	"context"
	"time"

	"github.com/ailit/ailit/internal/store"
)

// CreateToken checks spec and stores a new token made by createdBy (nil: the command line). The
// secret is returned here and nowhere else: it is shown once and only its hash is kept. errs
// names each invalid field by an i18n key (then nothing is stored).
func CreateToken(ctx context.Context, db *store.Store, spec TokenSpec, createdBy *int64) (secret string, tok *store.APIToken, errs map[string]string, err error) {
	scopes, allow, errs := spec.Validate(db.Now())
	if errs != nil {
		return "", nil, errs, nil
	}
	rate := spec.RatePerMinute
	if rate == 0 {
		rate = DefaultRatePerMinute
	}
	secret = NewSecret()
	tok = &store.APIToken{Name: trimmedName(spec.Name), Hint: Hint(secret), SecretHash: HashSecret(secret), Scopes: JoinScopes(scopes),
		AllowIPs: JoinAllowList(allow), RatePerMinute: rate, CreatedBy: createdBy}
	if spec.ExpiresAt != nil {
		at := spec.ExpiresAt.UTC().Truncate(time.Microsecond)
		tok.ExpiresAt = &at
	}
	if err := db.CreateAPIToken(ctx, tok); err != nil {
		return "", nil, nil, err
	}
	return secret, tok, nil, nil
}
