// Package airgap holds the tests of the air-gapped stand-in images that
// seed-images builds (see images.list): each stand-in must honour the part of
// the official image's contract this project relies on, so that the
// Dockerfile, the compose file and the tests run unchanged against either.
package airgap
