// Package web holds the embedded front end: HTML templates, static files (the KERN UX design
// system is copied into static/vendor by `make assets` from npm, never committed) and the default
// texts of the legal pages, which operators replace with files in their data directory.
package web

import "embed"

// Templates are the HTML templates: layout.html, partials/*.html, pages/*.html.
//
//go:embed templates
var Templates embed.FS

// Static are the files served under /static/.
//
//go:embed static
var Static embed.FS

// Pages are the default texts of the imprint, privacy and accessibility pages (Markdown).
//
//go:embed pages
var Pages embed.FS
