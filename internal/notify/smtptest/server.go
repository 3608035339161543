// Package smtptest runs a small SMTP server on 127.0.0.1 for tests: it speaks enough of RFC 5321
// (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for Go's net/smtp client and keeps every message
// it receives.
package smtptest

import (
	"io"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// Message is one delivered email.
type Message struct {
	From string
	To   []string
	Data string // headers and body as received, dot-unstuffed
}

// Server is a running test SMTP server.
type Server struct {
	Addr string
	ln   net.Listener
	mu   sync.Mutex
	msgs []Message
	wg   sync.WaitGroup
}

// Start listens on a free port of 127.0.0.1 until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), ln: ln}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(s.Close)
	return s
}

// Close stops the server; connections in progress are cut.
func (s *Server) Close() {
	s.ln.Close()
	s.wg.Wait()
}

// Messages returns the messages delivered so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			s.serve(textproto.NewConn(conn))
		}()
	}
}

func (s *Server) serve(c *textproto.Conn) {
	reply := func(code int, msg string) bool { return c.PrintfLine("%d %s", code, msg) == nil }
	if !reply(220, "smtptest ready") {
		return
	}
	var cur Message
	for {
		line, err := c.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			if c.PrintfLine("250-smtptest") != nil || !reply(250, "8BITMIME") {
				return
			}
		case "HELO", "NOOP":
			reply(250, "ok")
		case "RSET":
			cur = Message{}
			reply(250, "ok")
		case "MAIL":
			cur = Message{From: address(arg)}
			reply(250, "ok")
		case "RCPT":
			cur.To = append(cur.To, address(arg))
			reply(250, "ok")
		case "DATA":
			if len(cur.To) == 0 {
				reply(503, "need RCPT")
				continue
			}
			reply(354, "go ahead")
			b, err := io.ReadAll(c.DotReader())
			if err != nil {
				return
			}
			cur.Data = string(b)
			s.mu.Lock()
			s.msgs = append(s.msgs, cur)
			s.mu.Unlock()
			cur = Message{}
			reply(250, "queued")
		case "QUIT":
			reply(221, "bye")
			return
		default:
			reply(502, "5.5.1 unrecognized command")
		}
	}
}

// address takes the address out of "FROM:<a@b>" or "TO:<a@b> SIZE=…".
func address(arg string) string {
	if i := strings.IndexByte(arg, '<'); i >= 0 {
		if j := strings.IndexByte(arg[i:], '>'); j >= 0 {
			return arg[i+1 : i+j]
		}
	}
	_, after, _ := strings.Cut(arg, ":")
	return strings.TrimSpace(after)
}
