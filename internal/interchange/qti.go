package interchange

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
)

// ImportQTI converts QTI 2.1 or 3.0 items: a content package (zip with imsmanifest.xml), or a
// single assessmentItem or assessmentTest file. A test given as a single file can only use the
// items inside the same upload, so tests with item files belong in a package.
func ImportQTI(name string, data []byte) (*Import, error) {
	files := packageFiles{}
	var entries []string
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		var err error
		if files, err = readZip(name, data); err != nil {
			return nil, err
		}
		if entries, err = qtiPackageEntries(files); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
	} else {
		base := path.Base(name)
		files[base] = data
		entries = []string{base}
	}
	b := newBuilder(FormatQTI)
	seen := map[string]bool{}
	var items []string
	for _, e := range entries {
		refs, err := qtiItemsOf(files, e)
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			if !seen[r] {
				seen[r] = true
				items = append(items, r)
			}
		}
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: the package contains no assessment items", name)
	}
	for _, it := range items {
		root, err := parseXML(it, files[it])
		if err != nil {
			return nil, err
		}
		normalizeQTI3(root)
		ms := b.media()
		title := root.Attr["title"]
		q, err := qtiQuestion(it, root, files, ms)
		b.add(it, title, q, ms, err)
	}
	return b.imp, nil
}

// qtiPackageEntries lists the item and test files a package's manifest declares; without a
// manifest, every XML file at any depth is tried.
func qtiPackageEntries(files packageFiles) ([]string, error) {
	manifest, ok := files["imsmanifest.xml"]
	if !ok {
		var all []string
		for rel := range files {
			if strings.HasSuffix(strings.ToLower(rel), ".xml") {
				all = append(all, rel)
			}
		}
		sort.Strings(all)
		return all, nil
	}
	root, err := parseXML("imsmanifest.xml", manifest)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range root.find("resource") {
		t := r.Attr["type"]
		if !strings.HasPrefix(t, "imsqti_item") && !strings.HasPrefix(t, "imsqti_test") {
			continue
		}
		href, ok := resolveRef("imsmanifest.xml", r.Attr["href"])
		if !ok {
			return nil, fmt.Errorf("imsmanifest.xml:%d: the resource href %q points outside the package", r.Line, r.Attr["href"])
		}
		if _, exists := files[href]; !exists {
			return nil, fmt.Errorf("imsmanifest.xml:%d: the resource file %q is missing from the package", r.Line, href)
		}
		out = append(out, href)
	}
	return out, nil
}

// qtiItemsOf returns the item files an entry stands for: itself for an item, its referenced items
// for a test. Other XML files of a package without manifest are passed over.
func qtiItemsOf(files packageFiles, rel string) ([]string, error) {
	root, err := parseXML(rel, files[rel])
	if err != nil {
		return nil, err
	}
	normalizeQTI3(root)
	switch root.Name {
	case "assessmentItem":
		return []string{rel}, nil
	case "assessmentTest":
		var out []string
		for _, ref := range root.find("assessmentItemRef") {
			target, ok := resolveRef(rel, ref.Attr["href"])
			if !ok {
				return nil, fmt.Errorf("%s:%d: the item reference %q points outside the package", rel, ref.Line, ref.Attr["href"])
			}
			if _, exists := files[target]; !exists {
				return nil, fmt.Errorf("%s:%d: the item file %q is not in the upload; import the whole QTI package (zip)", rel, ref.Line, target)
			}
			out = append(out, target)
		}
		return out, nil
	case "questestinterop":
		return nil, fmt.Errorf("%s:%d: this is QTI 1.2 (ILIAS, older OpenOLAT); export the questions as QTI 2.1 instead", rel, root.Line)
	}
	if len(files) == 1 {
		return nil, fmt.Errorf("%s:%d: <%s> is neither a QTI assessmentItem nor an assessmentTest", rel, root.Line, root.Name)
	}
	return nil, nil
}

// normalizeQTI3 renames QTI 3.0 elements and attributes (qti-choice-interaction,
// response-identifier) to their QTI 2.1 names, so one converter reads both versions.
func normalizeQTI3(n *node) {
	if name, ok := strings.CutPrefix(n.Name, "qti-"); ok {
		n.Name = camel(name)
		attrs := map[string]string{}
		for k, v := range n.Attr {
			attrs[camel(k)] = v
		}
		n.Attr = attrs
	}
	for _, c := range n.Children {
		normalizeQTI3(c)
	}
}

func camel(s string) string {
	parts := strings.Split(s, "-")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
