package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles writes profiles of the running server for performance work (docs/benchmarks.md):
// AILIT_CPUPROFILE names a file for the CPU profile from start to stop, AILIT_MEMPROFILE one for
// the heap profile taken at stop. The returned function ends them; it runs after the server stopped.
func startProfiles() (stop func(), err error) {
	var cpu *os.File
	if path := os.Getenv("AILIT_CPUPROFILE"); path != "" {
		if cpu, err = os.Create(path); err != nil {
			return nil, fmt.Errorf("AILIT_CPUPROFILE: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("AILIT_CPUPROFILE: %w", err)
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if path := os.Getenv("AILIT_MEMPROFILE"); path != "" {
			if f, err := os.Create(path); err == nil {
				runtime.GC()
				_ = pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
	}, nil
}
