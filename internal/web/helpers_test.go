package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
)

var (
	csrfValue         = regexp.MustCompile(`name="_csrf" value="[^"]*"`)
	generatedPassword = regexp.MustCompile(`<code class="password">([^<]+)</code>`)
)

func postForm(path string, form url.Values) *http.Request {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}
