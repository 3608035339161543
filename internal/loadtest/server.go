// Package loadtest drives a real `ailit serve` process over HTTP: it builds and starts the binary
// on a loopback port, seeds learners, logs them in like a browser (cookies, CSRF field) and
// measures request latencies. cmd/ailit-loadtest and the crash-safety tests use it.
package loadtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// RepoRoot is the repository's top folder (this package sits two levels below it).
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Build compiles cmd/ailit into dir and returns the binary's path.
func Build(dir string) (string, error) {
	bin := filepath.Join(dir, "ailit")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/ailit")
	cmd.Dir = RepoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/ailit: %v\n%s", err, out)
	}
	return bin, nil
}

// FreeAddr returns a loopback address with a port that was free a moment ago.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// ServerConfig says how to start the binary.
type ServerConfig struct {
	Binary      string
	DataDir     string
	CoursesDir  string
	DatabaseURL string // "" = SQLite in DataDir
	SessionKey  string // hex; "" = generated into DataDir on first start
	Addr        string // "" = a free loopback port
	CPUProfile  string // the server writes its CPU profile here until it stops (AILIT_CPUPROFILE)
}

// Env is the process environment for the binary: only AILIT_* settings the config names, plus
// PATH and HOME, so the developer's own AILIT_* variables do not leak in.
func (c ServerConfig) Env(addr string) []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"AILIT_DATA_DIR=" + c.DataDir, "AILIT_COURSES_DIR=" + c.CoursesDir, "AILIT_LOG_LEVEL=warn"}
	if addr != "" {
		env = append(env, "AILIT_ADDR="+addr, "AILIT_BASE_URL=http://"+addr)
	}
	if c.DatabaseURL != "" {
		env = append(env, "AILIT_DATABASE_URL="+c.DatabaseURL)
	}
	if c.SessionKey != "" {
		env = append(env, "AILIT_SESSION_KEY="+c.SessionKey)
	}
	if c.CPUProfile != "" {
		env = append(env, "AILIT_CPUPROFILE="+c.CPUProfile)
	}
	return env
}

// DBURL is the database the server uses.
func (c ServerConfig) DBURL() string {
	if c.DatabaseURL != "" {
		return c.DatabaseURL
	}
	return filepath.Join(c.DataDir, "ailit.db")
}

// Server is a running `ailit serve` process.
type Server struct {
	URL    string
	cmd    *exec.Cmd
	output *bytes.Buffer
	done   chan error
}

// Start runs `ailit serve` and waits until /readyz answers 200.
func Start(cfg ServerConfig) (*Server, error) {
	addr := cfg.Addr
	if addr == "" {
		var err error
		if addr, err = FreeAddr(); err != nil {
			return nil, err
		}
	}
	out := &bytes.Buffer{}
	cmd := exec.Command(cfg.Binary, "serve")
	cmd.Env = cfg.Env(addr)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + addr, cmd: cmd, output: out, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("ailit serve exited during start (%v):\n%s", err, out)
		default:
		}
		if r, err := http.Get(s.URL + "/readyz"); err == nil {
			r.Body.Close()
			if r.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.Kill()
	return nil, fmt.Errorf("ailit serve did not become ready in 30 s:\n%s", out)
}

// PID is the server's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Output is what the server printed so far (for failure messages).
func (s *Server) Output() string { return s.output.String() }

// Kill ends the process with SIGKILL, as a crash or the OOM killer would, and waits for it.
func (s *Server) Kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
	s.done <- errors.New("killed")
}

// Stop ends the process with SIGTERM (graceful shutdown) and waits up to 30 s.
func (s *Server) Stop() error {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		s.done <- err
		return err
	case <-time.After(30 * time.Second):
		s.Kill()
		return errors.New("ailit serve did not stop within 30 s of SIGTERM")
	}
}

// PeakRSSKiB reads the process's peak resident set size (VmHWM) from /proc; 0 if unavailable.
func PeakRSSKiB(pid int) int64 { return procStatus(pid, "VmHWM:") }

// ResetPeakRSS sets the process's peak resident set size back to its current size (Linux
// clear_refs), so a later PeakRSSKiB is the peak of what ran in between, e.g. the load without the
// logins before it (each login's argon2 hash takes 19 MiB).
func ResetPeakRSS(pid int) {
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}

// SettleRSS waits until the process's resident set size stops falling (at most three seconds):
// after a burst of logins the server gives the memory of its password hashes back to the system,
// beside the last login's answer.
func SettleRSS(pid int) {
	last := procStatus(pid, "VmRSS:")
	for range 12 {
		time.Sleep(250 * time.Millisecond)
		now := procStatus(pid, "VmRSS:")
		if now >= last {
			return
		}
		last = now
	}
}

// procStatus reads one "kB" field of /proc/<pid>/status.
func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// Run runs another ailit subcommand with the server's settings (e.g. "evidence", "verify").
func (c ServerConfig) Run(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, c.Binary, args...)
	cmd.Env = c.Env("")
	out, err := cmd.CombinedOutput()
	return string(out), err
}
