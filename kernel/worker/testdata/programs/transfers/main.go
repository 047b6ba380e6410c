// Concurrent transfers between accounts without deadlock: locks taken in
// id order, a conservation check, errors for overdrafts, and a final
// report.
package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

type Account struct {
	ID  int
	mu  sync.Mutex
	bal int
}

var ErrFunds = errors.New("insufficient funds")

func transfer(from, to *Account, amt int) error {
	if from.ID == to.ID {
		return errors.New("same account")
	}
	first, second := from, to
	if second.ID < first.ID {
		first, second = second, first
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	if from.bal < amt {
		return fmt.Errorf("transfer %d from %d: %w", amt, from.ID, ErrFunds)
	}
	from.bal -= amt
	to.bal += amt
	return nil
}

func main() {
	accts := make([]*Account, 5)
	for i := range accts {
		accts[i] = &Account{ID: i, bal: 100}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := 0
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from, to := accts[i%5], accts[(i*3+1)%5]
			if err := transfer(from, to, (i%7)*10); err != nil {
				mu.Lock()
				if errors.Is(err, ErrFunds) {
					failures++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, a := range accts {
		total += a.bal
	}
	fmt.Println("total", total, failures >= 0)
	err := transfer(accts[0], accts[0], 1)
	fmt.Println(err)
	err = transfer(accts[1], accts[2], 1_000_000)
	fmt.Println(err, errors.Is(err, ErrFunds))
	ids := make([]int, 0, len(accts))
	for _, a := range accts {
		ids = append(ids, a.ID)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ids)))
	fmt.Println(ids)
}
