// Sound and title notifications, and the settings that switch them off (kept in localStorage).

const SETTINGS_KEY = 'switchboard.console.settings';
const BASE_TITLE = 'Switchboard console';

const defaults = { sound: true, title: true, desktop: false };

export const settings = {
  get() {
    try {
      return { ...defaults, ...JSON.parse(localStorage.getItem(SETTINGS_KEY) || '{}') };
    } catch {
      return { ...defaults };
    }
  },
  set(key, value) {
    const next = { ...this.get(), [key]: value };
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(next));
    return next;
  },
};

let audio = null;

/** Browsers only allow audio after a user gesture: call this from one (login, clicks). */
export function unlockAudio() {
  try {
    if (!audio) audio = new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === 'suspended') audio.resume();
  } catch {
    audio = null;
  }
}

/** A short two-note chime made with the Web Audio API. */
export function chime() {
  if (!settings.get().sound) return false;
  try {
    if (!audio) audio = new (window.AudioContext || window.webkitAudioContext)();
    const start = audio.currentTime + 0.01;
    [[880, 0], [1318.5, 0.12]].forEach(([frequency, offset]) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.35);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.4);
    });
    window.__switchboardChimes = (window.__switchboardChimes || 0) + 1;
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks the browser for permission to show desktop notifications (call from a user gesture) and
 * resolves to whether they may be shown.
 */
export async function allowDesktop() {
  if (!('Notification' in window)) return false;
  if (Notification.permission === 'granted') return true;
  if (Notification.permission === 'denied') return false;
  try {
    return (await Notification.requestPermission()) === 'granted';
  } catch {
    return false;
  }
}

/** Whether the browser lets this site show desktop notifications now. */
export function desktopAllowed() {
  return desktopSupported() && Notification.permission === 'granted';
}

/** Whether this browser can show desktop notifications at all. */
export function desktopSupported() {
  return 'Notification' in window;
}

/**
 * A desktop notification, when the agent switched them on and the browser allows them. `tag`
 * replaces an earlier notification about the same thing; a click focuses the console and runs
 * `onClick`.
 */
export function desktopNotify(title, body, tag, onClick) {
  if (!settings.get().desktop || !desktopAllowed()) return false;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      notification.close();
      if (onClick) onClick();
    };
    window.__switchboardDesktop = (window.__switchboardDesktop || []).concat([{ title, body, tag }]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Shows "(n) New chat — Switchboard" while conversations wait for the agent's attention;
 * otherwise the plain title.
 */
export function updateTitle(newChats, unreadChats) {
  if (!settings.get().title || (newChats === 0 && unreadChats === 0)) {
    document.title = BASE_TITLE;
    return;
  }
  document.title = newChats > 0
    ? `(${newChats}) New chat — Switchboard`
    : `(${unreadChats}) New message — Switchboard`;
}
