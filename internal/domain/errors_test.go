package domain

import (
	"fmt"
	"testing"
)

func TestKeyedErrorsCarryTheMessageKeyThroughWrapping(t *testing.T) {
	err := fmt.Errorf("saving: %w", Keyed(ECONFLICT, "store.user.exists", "a user with the email %s exists already", "anna@stadt.example"))
	key, args := ErrorKey(err)
	if key != "store.user.exists" || len(args) != 1 || args[0] != "anna@stadt.example" {
		t.Errorf("key %q args %v", key, args)
	}
	if ErrorCode(err) != ECONFLICT || ErrorMessage(err) != "a user with the email anna@stadt.example exists already" {
		t.Errorf("code %q, message %q: the command line and the log keep the English text", ErrorCode(err), ErrorMessage(err))
	}
	if key, _ := ErrorKey(Errorf(EINVALID, "plain")); key != "" {
		t.Errorf("a plain error has key %q", key)
	}
}
