package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/web"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	var demo bool
	cfg, _, err := loadConfig("serve", args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&demo, "demo", false, "add the missing demo accounts (one per role, passwords printed once) and, without org units, a demo organisation")
	})
	if err != nil {
		return fail(stderr, err)
	}
	if err := cfg.EnsureSessionKey(); err != nil {
		return fail(stderr, err)
	}
	log := newLogger(cfg, stderr)
	if stopProfiles, err := startProfiles(); err != nil {
		return fail(stderr, err)
	} else {
		defer stopProfiles()
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	db, err := openStore(ctx, cfg, log)
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close() // runs after the server has finished the requests in flight

	lib := content.NewLibrary(cfg.CoursesDir, db, log)
	lib.KeepPublished(cfg.PublishedDir()) // ops: copies of published versions
	lib.ReturnMemoryAfterReload()
	lib.KeepCopiesAfterReload()
	defer lib.Wait() // a copy under way is finished before the database closes
	lib.CacheRendered(cfg.RenderCacheDir())
	report, err := lib.Reload()
	if err != nil {
		return fail(stderr, fmt.Errorf("loading courses from %s (AILIT_COURSES_DIR): %w", cfg.CoursesDir, err))
	}
	log.Info("courses loaded", "dir", cfg.CoursesDir, "versions", len(report.Versions), "problems", len(report.Problems))
	if demo {
		if err := setUpDemo(ctx, db, lib, cfg.DemoPassword, stdout); err != nil {
			return fail(stderr, err)
		}
	}
	go reloadOnHangup(ctx, lib, log)

	app, err := web.New(web.Deps{Config: cfg, Store: db, Library: lib, Log: log, Version: version})
	if err != nil {
		return fail(stderr, err)
	}
	go startScheduler(ctx, cfg, db, lib, log)
	log.Info("ailit is listening", "addr", cfg.Addr, "base_url", cfg.BaseURL, "database", dialectOf(cfg))
	fmt.Fprintf(stdout, "ailit %s: open %s in your browser (Ctrl+C stops).\n", version, cfg.BaseURL)
	if err := app.Listen(ctx, cfg.Addr, 20*time.Second); err != nil {
		return fail(stderr, err)
	}
	log.Info("stopped")
	return 0
}

// reloadOnHangup reloads the course folders on SIGHUP, without a restart.
func reloadOnHangup(ctx context.Context, lib *content.Library, log *slog.Logger) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			if report, err := lib.Reload(); err != nil {
				log.Error("reloading courses failed", "error", err)
			} else {
				log.Info("courses reloaded", "versions", len(report.Versions), "problems", len(report.Problems))
			}
		}
	}
}

func dialectOf(cfg interface{ IsPostgres() bool }) string {
	if cfg.IsPostgres() {
		return "postgres"
	}
	return "sqlite"
}
