#!/usr/bin/env bash
# Shared helpers for the scripts: find a JDK 21 or newer and run Maven with it.

# Prints the JAVA_HOME of a JDK 21+: $JAVA_HOME, then `java` on the PATH, then /usr/lib/jvm/*.
find_jdk21() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    local java_bin
    java_bin=$(readlink -f "$(command -v java)")
    candidates+=("$(dirname "$(dirname "$java_bin")")")
  fi
  local dir
  for dir in /usr/lib/jvm/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  local home version
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p' | head -n 1)
    version=${version%%.*}
    if [ -n "$version" ] && [ "$version" -ge 21 ] 2>/dev/null; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

use_jdk21() {
  local home
  if ! home=$(find_jdk21); then
    echo "Switchboard needs a JDK 21 or newer (with javac). None was found in JAVA_HOME," >&2
    echo "on the PATH, or under /usr/lib/jvm. Install one, e.g. 'apt-get install openjdk-21-jdk'" >&2
    echo "or Temurin 21+, and/or set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME="$home"
  export PATH="$JAVA_HOME/bin:$PATH"
}

require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "Maven is not installed; installing it with apt-get." >&2
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && apt-get install -y -qq maven >/dev/null
    else
      sudo apt-get update -qq && sudo apt-get install -y -qq maven >/dev/null
    fi
  fi
}

# The browser tests drive Debian's Chromium (Playwright's own download is switched off).
require_chromium() {
  if [ -x "${SWITCHBOARD_CHROMIUM:-/usr/bin/chromium}" ]; then
    return 0
  fi
  echo "Chromium is not installed; installing Debian's chromium with apt-get." >&2
  apt_install chromium
}

# The compliance report's PDF embeds a font with Chinese glyphs: Droid Sans Fallback (Apache
# License 2.0) from Debian's fonts-droid-fallback.
require_cjk_font() {
  if [ -r /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] \
      || [ -r /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]; then
    return 0
  fi
  echo "No font with Chinese glyphs for the compliance PDF; installing Debian's fonts-droid-fallback with apt-get." >&2
  apt_install fonts-droid-fallback
}

# Installs Debian packages, with sudo unless running as root.
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# The web apps' shared protocol client is tested with Node's built-in test runner (the
# client-sdk module runs `node --test` in Maven's test phase); Debian's nodejs is enough.
require_node() {
  if command -v node >/dev/null 2>&1 \
      && [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -ge 18 ]; then
    return 0
  fi
  echo "Node.js 18 or newer is not installed; installing Debian's nodejs with apt-get." >&2
  apt_install nodejs
}

# The browser tests check pages with axe-core, installed from the npm registry at the version
# pinned in server/src/test/axe/package-lock.json (npm ci; Debian's npm is enough).
require_axe() {
  local dir="server/src/test/axe"
  if [ -f "$dir/node_modules/axe-core/axe.min.js" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is not installed; installing Debian's npm with apt-get." >&2
    apt_install npm
  fi
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
}

# Builds the server jar (server/target/switchboard-server.jar) unless SWITCHBOARD_SKIP_BUILD=1 and
# the jar is there already.
build_server_jar() {
  if [ "${SWITCHBOARD_SKIP_BUILD:-}" != "1" ] || [ ! -f server/target/switchboard-server.jar ]; then
    require_maven
    echo "Building the server (skip with SWITCHBOARD_SKIP_BUILD=1)..."
    mvn -B -q -DskipTests -pl server -am package
  fi
}

# Builds the bench module's jar (with the server's classes) unless SWITCHBOARD_SKIP_BUILD=1 and it
# is there already.
build_bench_jar() {
  if [ "${SWITCHBOARD_SKIP_BUILD:-}" != "1" ] || [ ! -f bench/target/switchboard-bench.jar ]; then
    require_maven
    echo "Building the server and the bench module (skip with SWITCHBOARD_SKIP_BUILD=1)..."
    mvn -B -q -DskipTests -pl bench -am package
  fi
}

# The JVM options of a Switchboard node (scripts/jvm.options without its comments), one per word.
node_java_opts() {
  grep -v '^[[:space:]]*\(#\|$\)' "$(dirname "${BASH_SOURCE[0]}")/jvm.options" | tr '\n' ' '
}
