package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// NewPostgresSchema creates a fresh, empty schema named prefix plus random letters on the
// PostgreSQL server at base and returns a URL that uses it (search_path), so a test or a load run
// never sees another one's data, as several ailit instances on one PostgreSQL do. drop removes
// the schema with everything in it.
func NewPostgresSchema(ctx context.Context, base, prefix string) (dbURL string, drop func(), err error) {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := prefix + hex.EncodeToString(b)
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, err
	}
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return "", nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	closeAdmin := func() {
		if db, err := admin.DB(); err == nil {
			db.Close()
		}
	}
	if err := admin.WithContext(ctx).Exec("CREATE SCHEMA " + schema).Error; err != nil {
		closeAdmin()
		return "", nil, fmt.Errorf("creating schema %s: %w", schema, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		closeAdmin()
	}, nil
}
