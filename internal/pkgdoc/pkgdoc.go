// Package pkgdoc reads the documentation the kernel shows for name? and
// inspect: a package's doc comment and its members', by name.
package pkgdoc

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
)

// Members maps each exported member of a package to its doc comment:
// funcs, types, a type's constructors, methods as "Type.Method", vars and
// consts. Members without a comment are left out.
func Members(d *doc.Package) map[string]string {
	m := map[string]string{}
	add := func(name, text string) {
		if text != "" {
			m[name] = text
		}
	}
	for _, f := range d.Funcs {
		add(f.Name, f.Doc)
	}
	for _, t := range d.Types {
		add(t.Name, t.Doc)
		for _, f := range t.Funcs {
			add(f.Name, f.Doc)
		}
		for _, meth := range t.Methods {
			add(t.Name+"."+meth.Name, meth.Doc)
		}
	}
	for _, group := range [][]*doc.Value{d.Vars, d.Consts} {
		for _, v := range group {
			for _, n := range v.Names {
				add(n, v.Doc)
			}
		}
	}
	return m
}

// Dir reads the documentation of the package in dir (import path path)
// from its Go files, tests left out.
func Dir(dir, path string) (*doc.Package, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(matches)
	fset := token.NewFileSet()
	var files []*ast.File
	for _, f := range matches {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, af)
	}
	return doc.NewFromFiles(fset, files, path)
}
