package web_test

import (
	"archive/zip"
	"io"
)

// newZip writes a zip with the given files (names are written as given, even unsafe ones).
func newZip(w io.Writer, files map[string]string) error {
	zw := zip.NewWriter(w)
	for name, data := range files {
		f, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := f.Write([]byte(data)); err != nil {
			return err
		}
	}
	return zw.Close()
}
