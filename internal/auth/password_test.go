package auth

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// After a burst of logins the garbage of their hashes (19 MiB each) is given back to the system
// when the last one is done, not kept mapped until the runtime's scavenger gets to it.
func TestTheMemoryOfABurstOfHashesIsReturnedWhenTheLastIsDone(t *testing.T) {
	forced := func() uint32 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.NumForcedGC
	}
	before := forced()
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if _, err := HashPassword("correct horse battery"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for forced() == before {
		if time.Now().After(deadline) {
			t.Fatal("no memory was returned after the last hash of the burst")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if inFlight.Load() != 0 {
		t.Errorf("%d hashes still counted as running", inFlight.Load())
	}
}
