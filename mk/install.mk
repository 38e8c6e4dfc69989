# SPDX-License-Identifier: GPL-2.0-only
#
# Installation (make install / uninstall, GNU directory variables, DESTDIR
# stages), the Debian package (make deb) and their host tests. Included by
# the Makefile after OUT is set.
#
# Where things go:
#   $(sbindir)/fwctl-guard
#   $(sysconfdir)/fwctl-guard/*.policy       site-editable: never overwritten
#   $(sysconfdir)/fwctl-guard/effects/       site effects tables (a README)
#   $(sysconfdir)/default/fwctl-guard        the service's settings
#   $(sysconfdir)/logrotate.d/fwctl-guard    rotation of /var/log/fwctl-guard
#   $(effectsdir)/*.effects                  shipped tables: vendor data,
#                                            replaced by every install
#   $(unitdir)/fwctl-guard.service, $(udevrulesdir)/60-fwctl-guard.rules,
#   $(mandir)/man{5,8}/

# The package's version is the top entry of debian/changelog; make deb
# refuses to build when it is not the VERSION file's (the CLI's --version).
DEB_VERSION := $(shell sed -n '1s/^fwctl-guard [(]\([^ ]*\)[)].*/\1/p' debian/changelog 2>/dev/null)

prefix ?= /usr/local
sbindir ?= $(prefix)/sbin
datadir ?= $(prefix)/share
mandir ?= $(datadir)/man
sysconfdir ?= /etc
unitdir ?= $(prefix)/lib/systemd/system
udevrulesdir ?= $(prefix)/lib/udev/rules.d
# bash-completion's folder for completions loaded on demand.
bashcompdir ?= $(datadir)/bash-completion/completions
INSTALL ?= install
# The shipped effects tables, which the CLI reads by default, and the
# site's own tables beside the policies (FG_SITE_EFFECTS_DIR, for the
# loader to read after the shipped ones).
effectsdir ?= $(datadir)/fwctl-guard/effects
siteeffectsdir := $(sysconfdir)/fwctl-guard/effects
EFFECTS_DIR := $(effectsdir)
INSTALL_DEFS := -DFG_EFFECTS_DIR='"$(effectsdir)"' -DFG_SITE_EFFECTS_DIR='"$(siteeffectsdir)"'

.PHONY: install uninstall deb test-deb test-system-vm print-effectsdir

print-effectsdir:
	@echo '$(effectsdir)'

# The files with install paths filled in; regenerated on every install
# (one sed each) so that they always name this run's directories.
SUBST := sed -e 's|@sbindir@|$(sbindir)|g' -e 's|@sysconfdir@|$(sysconfdir)|g' \
	     -e 's|@effectsdir@|$(effectsdir)|g'
$(OUT)/fwctl-guard.service: systemd/fwctl-guard.service.in FORCE
	@mkdir -p $(@D)
	$(SUBST) $< > $@
$(OUT)/fwctl-guard.rules: systemd/fwctl-guard.rules.in FORCE
	@mkdir -p $(@D)
	$(SUBST) $< > $@
$(OUT)/fwctl-guard.default: systemd/fwctl-guard.default.in FORCE
	@mkdir -p $(@D)
	$(SUBST) $< > $@
$(OUT)/effects-README: systemd/effects-README.in FORCE
	@mkdir -p $(@D)
	$(SUBST) $< > $@

POLICIES := $(wildcard policies/*.policy)
EFFECTS := $(wildcard policies/effects/*.effects)
# Site configuration, "source destination" (relative to sysconfdir).
ETC_FILES := $(foreach p,$(POLICIES),$(p):fwctl-guard/$(notdir $(p))) \
	     $(OUT)/effects-README:fwctl-guard/effects/README \
	     $(OUT)/fwctl-guard.default:default/fwctl-guard \
	     systemd/fwctl-guard.logrotate:logrotate.d/fwctl-guard

# Files under sysconfdir are the site's once installed: an existing one
# is left as it is (a changed one is named; the shipped version is
# beside it in the source tree), never overwritten. Everything else is
# the package's and replaced.
install: $(OUT)/fwctl-guard $(OUT)/fwctl-guard.service $(OUT)/fwctl-guard.rules \
	 $(OUT)/fwctl-guard.default $(OUT)/effects-README
	$(INSTALL) -D -m 0755 $(OUT)/fwctl-guard $(DESTDIR)$(sbindir)/fwctl-guard
	$(INSTALL) -d -m 0755 $(DESTDIR)$(effectsdir) $(DESTDIR)$(siteeffectsdir)
	$(INSTALL) -m 0644 $(EFFECTS) $(DESTDIR)$(effectsdir)/
	@set -e; for f in $(ETC_FILES); do \
		src=$${f%%:*}; dst=$(DESTDIR)$(sysconfdir)/$${f#*:}; \
		if [ ! -e "$$dst" ]; then \
			echo "$(INSTALL) -D -m 0644 $$src $$dst"; \
			$(INSTALL) -D -m 0644 "$$src" "$$dst"; \
		elif ! cmp -s "$$src" "$$dst"; then \
			echo "install: keeping $$dst (changed here; the shipped one is $$src)"; \
		fi; \
	done
	$(INSTALL) -D -m 0644 $(OUT)/fwctl-guard.service $(DESTDIR)$(unitdir)/fwctl-guard.service
	$(INSTALL) -D -m 0644 $(OUT)/fwctl-guard.rules $(DESTDIR)$(udevrulesdir)/60-fwctl-guard.rules
	$(INSTALL) -D -m 0644 man/fwctl-guard.8 $(DESTDIR)$(mandir)/man8/fwctl-guard.8
	$(INSTALL) -D -m 0644 man/fwctl-guard.policy.5 $(DESTDIR)$(mandir)/man5/fwctl-guard.policy.5
	$(INSTALL) -D -m 0644 completion/fwctl-guard $(DESTDIR)$(bashcompdir)/fwctl-guard

# What install wrote, by name; a site file under sysconfdir only while it
# is still the shipped one. A changed policy, a site policy or table
# beside them stays, and so do their folders.
uninstall: $(OUT)/fwctl-guard.default $(OUT)/effects-README
	rm -f $(DESTDIR)$(sbindir)/fwctl-guard
	rm -f $(addprefix $(DESTDIR)$(effectsdir)/,$(notdir $(EFFECTS)))
	-rmdir $(DESTDIR)$(effectsdir) $(DESTDIR)$(datadir)/fwctl-guard 2>/dev/null
	@set -e; for f in $(ETC_FILES); do \
		src=$${f%%:*}; dst=$(DESTDIR)$(sysconfdir)/$${f#*:}; \
		if cmp -s "$$src" "$$dst"; then \
			echo "rm -f $$dst"; rm -f "$$dst"; \
		elif [ -e "$$dst" ]; then \
			echo "uninstall: keeping $$dst (changed here)"; \
		fi; \
	done
	-rmdir $(DESTDIR)$(siteeffectsdir) $(DESTDIR)$(sysconfdir)/fwctl-guard 2>/dev/null
	rm -f $(DESTDIR)$(unitdir)/fwctl-guard.service
	rm -f $(DESTDIR)$(udevrulesdir)/60-fwctl-guard.rules
	rm -f $(DESTDIR)$(mandir)/man8/fwctl-guard.8 $(DESTDIR)$(mandir)/man5/fwctl-guard.policy.5
	rm -f $(DESTDIR)$(bashcompdir)/fwctl-guard

# make deb: dpkg-buildpackage -us -uc -b in a copy of the tree under
# $(OUT)/deb-src (the package build leaves debian/fwctl-guard/, debian/files
# and the results in the parent folder: none of that in the work tree),
# then $(OUT)/fwctl-guard_<version>_<arch>.deb. Rebuilt when a file that
# goes into the package changes.
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB := $(OUT)/fwctl-guard_$(VERSION)_$(DEB_ARCH).deb
DEB_SRCS := Makefile $(shell find loader bpf include -type f) $(wildcard mk/* debian/* debian/source/* \
	    policies/*.policy policies/effects/* man/* systemd/* completion/* VERSION)

deb: $(DEB)

$(DEB): $(DEB_SRCS)
	@[ "$(DEB_VERSION)" = "$(VERSION)" ] || { echo "deb: debian/changelog:1: version '$(DEB_VERSION)' is not VERSION's '$(VERSION)'" >&2; exit 1; }
	@mkdir -p $(@D)
	rm -rf $(OUT)/deb-src
	mkdir -p $(OUT)/deb-src/fwctl-guard-$(VERSION)
	tar -c --exclude=./.git --exclude=./$(OUT) --exclude=./build \
		--exclude=./debian/fwctl-guard --exclude=./debian/.debhelper \
		--exclude='./debian/*.substvars' --exclude=./debian/files \
		--exclude='./debian/*debhelper*' . | tar -x -C $(OUT)/deb-src/fwctl-guard-$(VERSION)
	cd $(OUT)/deb-src/fwctl-guard-$(VERSION) && dpkg-buildpackage -us -uc -b
	mv $(OUT)/deb-src/$(notdir $@) $@

# The package on the host: lintian, contents, conffiles, maintainer
# scripts, install and purge into an empty root (no VM).
test-deb: $(DEB)
	tests/install/test-deb.sh $(DEB)

# The package installed on a real Debian system booted in the VM.
test-system-vm: $(DEB) all
	tests/vm/system-tests.sh $(DEB)
