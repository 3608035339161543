// Package auth holds passwords (argon2id), the server-side gorilla/sessions store, and the login
// service with throttling that gives no hint whether an account exists.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: the OWASP minimum (19 MiB, 2 passes, 1 lane). Stored with each hash, so they
// can be raised later without invalidating existing passwords.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// cheapHashes is set by tests only (UseCheapHashesInTests).
var cheapHashes atomic.Bool

// UseCheapHashesInTests makes new hashes of this process cost 64 KiB and one pass instead of the
// production parameters: handler tests create and log in hundreds of accounts and otherwise spend
// a third of their time hashing. Checking still reads the parameters stored in each hash. It
// panics outside "go test", so no production code path can weaken the hashes.
func UseCheapHashesInTests() {
	if !testing.Testing() {
		panic("auth: UseCheapHashesInTests called outside a test")
	}
	cheapHashes.Store(true)
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

var errBadHash = errors.New("auth: malformed password hash")

// hashing admits as many argon2 computations at once as there are cores: each takes 19 MiB, so a
// burst of logins (a whole office at nine o'clock, or an attacker) queues for the CPU it would have
// to wait for anyway instead of growing the process by 19 MiB per login (issue 17: the memory
// bound).
var hashing = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))

// inFlight counts the computations running or waiting; returning marks a return of memory under
// way.
var inFlight, returning atomic.Int32

func idKey(password, salt []byte, passes, memory uint32, threads uint8, keyLen uint32) []byte {
	inFlight.Add(1)
	defer afterHash()
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2.IDKey(password, salt, passes, memory, threads, keyLen)
}

// afterHash gives the memory of a burst of logins back to the system when its last hash is done.
// Each hash leaves 19 MiB of garbage, which the Go runtime would keep mapped for minutes (a burst
// of 64 logins left the server at 140 MiB resident with 20 MiB of live heap); the pages need none
// of it. It runs beside the login, which does not wait for it, and once at a time.
func afterHash() {
	if inFlight.Add(-1) != 0 || !returning.CompareAndSwap(0, 1) {
		return
	}
	go func() {
		defer returning.Store(0)
		debug.FreeOSMemory()
	}()
}

// HashPassword returns a PHC-formatted argon2id hash of password.
func HashPassword(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	memory, passes := uint32(argonMemory), uint32(argonTime)
	if cheapHashes.Load() {
		memory, passes = 64, 1
	}
	key := idKey([]byte(password), salt, passes, memory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memory, passes, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches hash, in constant time.
func CheckPassword(password, hash string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	var memory, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false, errBadHash
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false, errBadHash
	}
	got := idKey([]byte(password), salt, time, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is checked against when an account does not exist, so that a login attempt for an
// unknown email takes as long as one with a wrong password (no user enumeration by timing). It is
// made by NewLogin, not at program start: it costs 0.1 s and 19 MiB, which the commands without a
// login (a report export) need not pay.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("no account has this password")
	return h
})

// RandomPassword returns a password for generated accounts (demo, first admin): 16 characters
// from an alphabet without look-alikes.
func RandomPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
