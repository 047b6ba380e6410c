// Files: a temp dir, writing and reading, line filters, walking a tree,
// paths, and errors for missing files.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func main() {
	dir, err := os.MkdirTemp("", "fountain-files")
	must(err)
	defer os.RemoveAll(dir)
	must(os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755))
	files := map[string]string{
		"a/one.txt":    "alpha\nbeta\n",
		"a/b/two.txt":  "gamma\n",
		"a/b/data.csv": "x,y\n1,2\n",
		"top.md":       "# title\n",
	}
	for name, body := range files {
		must(os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	f, err := os.OpenFile(filepath.Join(dir, "a", "one.txt"), os.O_APPEND|os.O_WRONLY, 0)
	must(err)
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "delta")
	must(w.Flush())
	must(f.Close())

	data, err := os.ReadFile(filepath.Join(dir, "a", "one.txt"))
	fmt.Printf("%q %v\n", data, err)

	in, _ := os.Open(filepath.Join(dir, "a", "one.txt"))
	sc := bufio.NewScanner(in)
	var upper []string
	for sc.Scan() {
		upper = append(upper, strings.ToUpper(sc.Text()))
	}
	in.Close()
	fmt.Println(upper)

	var seen []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			seen = append(seen, rel+"/")
			return nil
		}
		info, _ := d.Info()
		seen = append(seen, fmt.Sprintf("%s(%d)", filepath.ToSlash(rel), info.Size()))
		return nil
	})
	sort.Strings(seen)
	fmt.Println(seen, err)

	matches, _ := filepath.Glob(filepath.Join(dir, "a", "*", "*.txt"))
	for i, m := range matches {
		matches[i] = filepath.Base(m)
	}
	fmt.Println(matches)
	entries, _ := os.ReadDir(filepath.Join(dir, "a"))
	for _, e := range entries {
		fmt.Print(e.Name(), e.IsDir(), " ")
	}
	fmt.Println()
	p := "/usr/local/lib/file.tar.gz"
	fmt.Println(filepath.Dir(p), filepath.Base(p), filepath.Ext(p), strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)))
	fmt.Println(filepath.Join("a", "..", "b", "./c"), filepath.IsAbs(p), filepath.Clean("a//b/../c/"))

	_, err = os.ReadFile(filepath.Join(dir, "missing"))
	var pe *fs.PathError
	fmt.Println(errors.Is(err, fs.ErrNotExist), errors.As(err, &pe), pe.Op)
	st, err := os.Stat(filepath.Join(dir, "top.md"))
	fmt.Println(st.Name(), st.Size(), st.Mode().IsRegular(), err)
	fsys := os.DirFS(dir)
	b, err := fs.ReadFile(fsys, "a/b/two.txt")
	fmt.Printf("%q %v\n", b, err)
}
