// A double-entry ledger: money as integer cents with String, accounts in
// maps, transactions validated with errors, balances rolled up a tree of
// account names, and a trial balance.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

type Cents int64

func (c Cents) String() string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, int64(c/100), int64(c%100))
}

type Posting struct {
	Account string
	Amount  Cents
}

type Txn struct {
	Date     string
	Memo     string
	Postings []Posting
}

var (
	ErrUnbalanced = errors.New("unbalanced")
	ErrNoAccount  = errors.New("unknown account")
)

type Ledger struct {
	accounts map[string]bool
	txns     []Txn
}

func (l *Ledger) Open(names ...string) {
	if l.accounts == nil {
		l.accounts = map[string]bool{}
	}
	for _, n := range names {
		l.accounts[n] = true
	}
}

func (l *Ledger) Post(t Txn) error {
	var sum Cents
	for _, p := range t.Postings {
		if !l.accounts[p.Account] {
			return fmt.Errorf("%s %q: %w: %s", t.Date, t.Memo, ErrNoAccount, p.Account)
		}
		sum += p.Amount
	}
	if sum != 0 {
		return fmt.Errorf("%s %q: %w by %v", t.Date, t.Memo, ErrUnbalanced, sum)
	}
	l.txns = append(l.txns, t)
	return nil
}

func (l *Ledger) Balances() map[string]Cents {
	out := map[string]Cents{}
	for _, t := range l.txns {
		for _, p := range t.Postings {
			parts := strings.Split(p.Account, ":")
			for i := range parts {
				out[strings.Join(parts[:i+1], ":")] += p.Amount
			}
		}
	}
	return out
}

func main() {
	var l Ledger
	l.Open("assets:bank", "assets:cash", "income:salary", "expenses:food", "expenses:rent")
	txns := []Txn{
		{"01-01", "salary", []Posting{{"assets:bank", 300000}, {"income:salary", -300000}}},
		{"01-02", "rent", []Posting{{"expenses:rent", 120000}, {"assets:bank", -120000}}},
		{"01-03", "atm", []Posting{{"assets:cash", 10000}, {"assets:bank", -10000}}},
		{"01-04", "lunch", []Posting{{"expenses:food", 1250}, {"assets:cash", -1250}}},
		{"01-05", "typo", []Posting{{"expenses:food", 500}, {"assets:cash", -50}}},
		{"01-06", "gift", []Posting{{"assets:wallet", 100}, {"income:gift", -100}}},
	}
	for _, t := range txns {
		if err := l.Post(t); err != nil {
			fmt.Println("rejected:", err, errors.Is(err, ErrUnbalanced), errors.Is(err, ErrNoAccount))
		}
	}
	bal := l.Balances()
	names := make([]string, 0, len(bal))
	for n := range bal {
		names = append(names, n)
	}
	sort.Strings(names)
	var total Cents
	for _, n := range names {
		depth := strings.Count(n, ":")
		fmt.Printf("%-20s %12v\n", strings.Repeat("  ", depth)+n[strings.LastIndex(n, ":")+1:], bal[n])
		if depth == 0 {
			total += bal[n]
		}
	}
	fmt.Println("trial balance:", total, len(l.txns), []Cents{-5, 105})
}
