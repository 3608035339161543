package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// checkDataDir returns what is wrong with the data directory, "" when it is usable: it exists as a
// writable directory, or it can be created (its nearest existing parent is a directory).
func checkDataDir(dir string) string {
	if strings.ContainsRune(dir, 0) {
		return "the path contains a NUL character"
	}
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return "is a file, not a directory"
	case err == nil:
		f, err := os.CreateTemp(dir, ".ailit-write-check-*")
		if err != nil {
			return fmt.Sprintf("the directory is not writable (%v)", unwrapPath(err))
		}
		f.Close()
		os.Remove(f.Name())
		return ""
	case !missing(err):
		return fmt.Sprintf("cannot be read (%v)", unwrapPath(err))
	}
	for parent := filepath.Dir(filepath.Clean(dir)); ; parent = filepath.Dir(parent) {
		st, err := os.Stat(parent)
		if err == nil {
			if !st.IsDir() {
				return fmt.Sprintf("cannot be created: %s is a file, not a directory", parent)
			}
			return ""
		}
		if !missing(err) {
			return fmt.Sprintf("cannot be created (%v)", unwrapPath(err))
		}
		if parent == filepath.Dir(parent) {
			return ""
		}
	}
}

// checkReadableDir returns what is wrong with a folder that must exist and be readable.
func checkReadableDir(dir string) string { return checkReadable(dir, true) }

// checkReadableFile returns what is wrong with a file that must exist and be readable.
func checkReadableFile(path string) string { return checkReadable(path, false) }

func checkReadable(path string, dir bool) string {
	st, err := os.Stat(path)
	switch {
	case missing(err) && dir:
		return "no such directory"
	case missing(err):
		return "no such file"
	case err != nil:
		return fmt.Sprintf("cannot be read (%v)", unwrapPath(err))
	case dir && !st.IsDir():
		return "is a file, not a directory"
	case !dir && st.IsDir():
		return "is a directory, expected a file"
	}
	f, err := os.Open(path)
	if err == nil && dir {
		_, err = f.Readdirnames(1) // opening a directory succeeds without read permission
	}
	if f != nil {
		f.Close()
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Sprintf("cannot be read (%v)", unwrapPath(err))
	}
	return ""
}

// missing reports whether a path does not exist, also when a file stands where a parent
// directory should be.
func missing(err error) bool {
	return errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// unwrapPath drops the path from an *os.PathError: the message names the path already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
