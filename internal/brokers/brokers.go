// Package brokers holds what every Kafka user in fountain needs before
// connecting: the broker list from the environment, and a quick check that
// one of them answers.
package brokers

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// FromEnv returns KAFKA_BROKERS as a list, or localhost:9092.
func FromEnv() []string {
	if b := os.Getenv("KAFKA_BROKERS"); b != "" {
		return strings.Split(b, ",")
	}
	return []string{"localhost:9092"}
}

// Check fails within seconds, with a clear message, when none of the
// brokers answers.
func Check(brokers []string) error {
	var errs []error
	for _, b := range brokers {
		conn, err := (&kafkago.Dialer{Timeout: 5 * time.Second}).Dial("tcp", b)
		if err == nil {
			conn.Close()
			return nil
		}
		errs = append(errs, err)
	}
	return fmt.Errorf("no Kafka broker reachable at %s: %w", strings.Join(brokers, ","), errors.Join(errs...))
}
