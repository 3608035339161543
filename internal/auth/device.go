package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
)

// DeviceCookie is the name of the cookie that marks a browser in which an account logged in
// successfully before. It holds no session and grants nothing by itself: it only keeps the owner's
// own device out of the account's failure ceiling, so guesses from elsewhere cannot lock them out.
const DeviceCookie = "ailit_device"

// Devices signs and checks device cookies with a key derived from the session key.
type Devices struct{ key []byte }

// NewDevices derives the device cookie key from the session key (a separate purpose, separate key).
func NewDevices(sessionKey []byte) *Devices {
	m := hmac.New(sha256.New, sessionKey)
	m.Write([]byte("ailit device cookie v1"))
	return &Devices{key: m.Sum(nil)}
}

// Issue returns a new cookie value for userID: "<user>.<device id>.<signature>".
func (d *Devices) Issue(userID int64) string {
	var id [12]byte
	_, _ = rand.Read(id[:])
	body := strconv.FormatInt(userID, 10) + "." + base64.RawURLEncoding.EncodeToString(id[:])
	return body + "." + d.sign(body)
}

// DeviceID returns the device id of a cookie value issued for userID, or "" when the value is
// missing, forged or belongs to another account.
func (d *Devices) DeviceID(value string, userID int64) string {
	i := strings.LastIndexByte(value, '.')
	if i < 0 || !hmac.Equal([]byte(value[i+1:]), []byte(d.sign(value[:i]))) {
		return ""
	}
	user, id, ok := strings.Cut(value[:i], ".")
	if !ok || user != strconv.FormatInt(userID, 10) || id == "" {
		return ""
	}
	return id
}

func (d *Devices) sign(body string) string {
	m := hmac.New(sha256.New, d.key)
	m.Write([]byte(body))
	return hex.EncodeToString(m.Sum(nil)[:16])
}
