package scorm

import (
	"net/url"
	"strings"
)

// ParseCMI5 reads and checks a cmi5.xml course structure (cmi5 spec §13). Every AU's url must be a
// file inside the package: ailit makes no external requests. The first AU is the launch.
func ParseCMI5(data []byte, exists func(string) bool) (*Manifest, []Problem) {
	root, p := parseTree(data)
	if p != nil {
		return nil, []Problem{*p}
	}
	if root.Name != "courseStructure" {
		return nil, []Problem{problemf(root.Line, "the root element is <%s>; a cmi5.xml starts with <courseStructure>", root.Name)}
	}
	var ps []Problem
	m := &Manifest{Kind: KindCMI5}
	if c := root.child("course"); c != nil {
		if t := c.child("title"); t != nil {
			m.Title = t.text("langstring")
		}
	}
	var aus []*node
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.Children {
			switch c.Name {
			case "au":
				aus = append(aus, c)
			case "block":
				walk(c)
			}
		}
	}
	walk(root)
	if len(aus) == 0 {
		return nil, []Problem{problemf(root.Line, "the course structure has no <au>: nothing to launch")}
	}
	for _, au := range aus {
		if au.attr("id") == "" {
			ps = append(ps, problemf(au.Line, "an <au> needs an id (an IRI)"))
		}
		if mode := au.attr("moveOn"); mode != "" && !oneOf(mode, "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable") {
			ps = append(ps, problemf(au.Line, "moveOn %q must be Passed, Completed, CompletedAndPassed, CompletedOrPassed or NotApplicable", mode))
		}
		urlNode := au.child("url")
		if urlNode == nil || strings.TrimSpace(urlNode.Text) == "" {
			ps = append(ps, problemf(au.Line, "au %q has no <url>", au.attr("id")))
			continue
		}
		raw := strings.TrimSpace(urlNode.Text)
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "" || u.Host != "" {
			ps = append(ps, problemf(urlNode.Line, "%q must be a file inside the package; ailit makes no external requests", raw))
			continue
		}
		ps = append(ps, checkFile(urlNode.Line, "", raw, exists, &m.Files)...)
		if m.Launch == "" && len(ps) == 0 {
			m.Launch, _ = InsidePath(u.Path)
			m.AUID, m.MoveOn = au.attr("id"), au.attr("moveOn")
			if m.MoveOn == "" {
				m.MoveOn = "NotApplicable"
			}
		}
		if ms := au.attr("masteryScore"); ms != "" {
			v, ok := parseReal(ms)
			if !ok || v < 0 || v > 1 {
				ps = append(ps, problemf(au.Line, "masteryScore %q must be a decimal from 0 to 1", ms))
			} else if m.MasteryScore == nil {
				m.MasteryScore = &v
			}
		}
	}
	if m.Launch == "" {
		return nil, ps
	}
	return m, ps
}

func oneOf(s string, list ...string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}
