package loadtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Client is a browser stand-in for one learner: it keeps cookies, does not follow redirects (a 303
// is the acknowledgement of a write) and sends the CSRF token of the last page it loaded.
type Client struct {
	Base string
	HTTP *http.Client
	CSRF string
}

// transport is shared by all clients and keeps enough idle connections for every worker, so a
// load test measures the server and not TCP connection set-up.
var transport = &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, IdleConnTimeout: time.Minute}

// NewClient returns a client without cookies for the server at base.
func NewClient(base string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{Base: base, HTTP: &http.Client{
		Jar:           jar,
		Transport:     transport,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Response is the status, redirect target and body of an answer.
type Response struct {
	Status   int
	Location string
	Body     string
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (c *Client) do(req *http.Request) (*Response, error) {
	req.Header.Set("Accept-Language", "de")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if m := csrfField.FindSubmatch(body); m != nil {
		c.CSRF = string(m[1])
	}
	return &Response{Status: resp.StatusCode, Location: resp.Header.Get("Location"), Body: string(body)}, nil
}

// Get loads a page.
func (c *Client) Get(path string) (*Response, error) {
	req, err := http.NewRequest(http.MethodGet, c.Base+path, nil)
	if err != nil {
		return nil, err
	}
	return c.do(req)
}

// Post sends a form with the CSRF token of the last page.
func (c *Client) Post(path string, form url.Values) (*Response, error) {
	if form == nil {
		form = url.Values{}
	}
	if form.Get("_csrf") == "" {
		form.Set("_csrf", c.CSRF)
	}
	req, err := http.NewRequest(http.MethodPost, c.Base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// PostSeeOther posts a form and returns the redirect target; anything but a 303 is an error.
func (c *Client) PostSeeOther(path string, form url.Values) (string, error) {
	r, err := c.Post(path, form)
	if err != nil {
		return "", err
	}
	if r.Status != http.StatusSeeOther {
		return "", fmt.Errorf("POST %s: status %d, want 303", path, r.Status)
	}
	return r.Location, nil
}

// Login opens the login page, logs in and loads a page to pick up the renewed CSRF token.
func (c *Client) Login(email, password string) error {
	if _, err := c.Get("/login"); err != nil {
		return err
	}
	if _, err := c.PostSeeOther("/login", url.Values{"email": {email}, "password": {password}}); err != nil {
		return fmt.Errorf("login as %s: %w", email, err)
	}
	_, err := c.Get("/account")
	return err
}

// Enroll enrolls the learner in a course (idempotent).
func (c *Client) Enroll(course string) error {
	_, err := c.PostSeeOther("/courses/"+course+"/enroll", nil)
	return err
}

var attemptPath = regexp.MustCompile(`^/quiz/attempts/(\d+)$`)

// StartAttempt starts a quiz attempt and returns its id; an attempt still open is resumed.
func (c *Client) StartAttempt(quizPage string) (int64, error) {
	loc, err := c.PostSeeOther(quizPage+"/attempts", nil)
	if err != nil {
		return 0, err
	}
	m := attemptPath.FindStringSubmatch(loc)
	if m == nil {
		return 0, fmt.Errorf("starting an attempt redirected to %q", loc)
	}
	return strconv.ParseInt(m[1], 10, 64)
}

// SaveAnswers stores the answers of an open attempt.
func (c *Client) SaveAnswers(attempt int64, answers map[string][]string) error {
	form := url.Values{}
	for k, v := range answers {
		form[k] = v
	}
	_, err := c.PostSeeOther(AttemptPath(attempt)+"/save", form)
	return err
}

// Submit hands in an attempt for grading; the server acknowledges with a 303 to the result page.
func (c *Client) Submit(attempt int64) error {
	loc, err := c.PostSeeOther(AttemptPath(attempt)+"/submit", nil)
	if err == nil && loc != AttemptPath(attempt)+"/result" {
		err = fmt.Errorf("submit redirected to %q", loc)
	}
	return err
}

// AttemptPath is the question page of an attempt.
func AttemptPath(id int64) string { return "/quiz/attempts/" + strconv.FormatInt(id, 10) }

// LessonDone marks the lesson of a module read; lessonPage is the module's page.
func (c *Client) LessonDone(lessonPage string) error {
	_, err := c.PostSeeOther(lessonPage+"/done", nil)
	return err
}
