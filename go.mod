module github.com/blogstack/blogstack

go 1.26
