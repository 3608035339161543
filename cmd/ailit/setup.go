package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/store"
)

// loadConfig parses flags and environment for a subcommand; extra lets it add its own flags.
// Its --help lists the command's own flags and the shared ones (see withHelp); a help request
// comes back as flag.ErrHelp, which fail turns into exit code 0.
func loadConfig(name string, args []string, stdout, stderr io.Writer, extra func(fs *flag.FlagSet)) (config.Config, *flag.FlagSet, error) {
	fs := flag.NewFlagSet("ailit "+name, flag.ContinueOnError)
	if extra != nil {
		extra(fs)
	}
	withHelp(fs, name, args, stdout, stderr, name == "serve")
	cfg, err := config.Load(fs, args, os.LookupEnv)
	return cfg, fs, err
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: cfg.LogLevel}))
}

// openStore opens the database and applies pending migrations.
func openStore(ctx context.Context, cfg config.Config, log *slog.Logger) (*store.Store, error) {
	db, err := store.Open(ctx, cfg.DatabaseURL, log)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// fail prints an error and returns exit code 1; a help request (already printed) exits with 0.
func fail(stderr io.Writer, err error) int {
	if helpShown(err) {
		return 0
	}
	fmt.Fprintln(stderr, "ailit:", err)
	return 1
}

// loadCourses reads the course folders for a command that needs the catalog (report, seed,
// import). Problems in single versions are the serve log's business; here they stay quiet. It
// shares the server's cache of rendered versions in the data directory: a report needs only the
// catalog, and rendering every lesson and quiz again was most of the command's start-up.
func loadCourses(cfg config.Config, db *store.Store) (*content.Library, error) {
	lib := content.NewLibrary(cfg.CoursesDir, db, slog.New(slog.DiscardHandler))
	lib.KeepPublished(cfg.PublishedDir())
	lib.CacheRendered(cfg.RenderCacheDir())
	if _, err := lib.Reload(); err != nil {
		return nil, fmt.Errorf("loading courses from %s (AILIT_COURSES_DIR): %w", cfg.CoursesDir, err)
	}
	return lib, nil
}
