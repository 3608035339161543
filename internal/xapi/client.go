package xapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/ailit/ailit/internal/config"
)

// Client sends statements to one LRS.
type Client struct {
	cfg  config.XAPI
	http *http.Client
}

// NewClient returns a client for the LRS in cfg.
func NewClient(cfg config.XAPI) *Client {
	return &Client{cfg: cfg, http: &http.Client{Timeout: 30 * time.Second}}
}

// RejectedError is an answer that sending again cannot change: the LRS found the statement invalid
// (400) or holds a different statement under its id (409).
type RejectedError struct {
	Status int
	Body   string
}

func (e *RejectedError) Error() string {
	return fmt.Sprintf("the LRS refused the statement (HTTP %d): %s", e.Status, e.Body)
}

// IsRejected reports whether err is a RejectedError.
func IsRejected(err error) bool {
	var r *RejectedError
	return errors.As(err, &r)
}

// Put stores one statement under its id (PUT /statements?statementId=…). PUT is idempotent: the
// LRS answers 204 for a statement it already has with the same content.
func (c *Client) Put(ctx context.Context, id string, body []byte) error {
	u := c.cfg.Endpoint + "/statements?statementId=" + url.QueryEscape(id)
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Experience-API-Version", Version)
	if c.cfg.Username != "" {
		req.SetBasicAuth(c.cfg.Username, c.cfg.Password)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("LRS not reachable: %w", err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
	switch {
	case resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusOK:
		return nil
	case resp.StatusCode == http.StatusBadRequest || resp.StatusCode == http.StatusConflict:
		return &RejectedError{Status: resp.StatusCode, Body: string(bytes.TrimSpace(msg))}
	default:
		return fmt.Errorf("LRS answered HTTP %d: %s", resp.StatusCode, bytes.TrimSpace(msg))
	}
}
