/* Names for Dash 4's controls where their components take no prop for it (axe-core's
   serious and critical rules): each filter's dropdown announces its label and value (not
   its placeholder "all"), its focus target is no longer hidden from screen readers; option
   lists are named groups of native checkboxes and radios (not listboxes of options that
   hold inputs); the date range's inputs say which end they are; the upload input has a
   name. Applied again whenever Dash redraws a control. The page reads nothing from here. */
(function () {
  const set = (el, name, value) => {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  };
  const drop = (el, name) => { if (el.hasAttribute(name)) el.removeAttribute(name); };

  function nameDropdowns(root) {
    root.querySelectorAll('.dash-dropdown-wrapper').forEach((wrapper) => {
      const button = wrapper.querySelector('button.dash-dropdown[id]');
      if (!button) return;
      const id = button.id;
      const names = `${id}-label ${id}-value-count ${id}-value`;
      set(button, 'aria-labelledby', names);
      const focus = wrapper.querySelector('.dash-dropdown-focus-target');
      if (focus) {
        drop(focus, 'aria-hidden');
        set(focus, 'aria-labelledby', names);
      }
    });
  }

  function nameOptionLists(root) {
    root.querySelectorAll('.dash-options-list[role="listbox"], .dash-options-list[data-a11y]')
      .forEach((list) => {
        set(list, 'data-a11y', '1');
        set(list, 'role', list.querySelector('input[type="radio"]') ? 'radiogroup' : 'group');
        const label = document.getElementById(`${list.id}-label`);
        if (label) set(list, 'aria-labelledby', label.id);
        list.querySelectorAll('[role="option"]').forEach((option) => {
          drop(option, 'role');
          drop(option, 'aria-selected');
        });
      });
  }

  function nameDateRanges(root) {
    root.querySelectorAll('.dash-datepicker-input-wrapper').forEach((wrapper) => {
      ['aria-labelledby', 'aria-haspopup', 'aria-expanded', 'aria-disabled', 'type']
        .forEach((name) => drop(wrapper, name));
      const label = document.getElementById(`${wrapper.id.replace(/-wrapper$/, '')}-label`);
      const what = label ? label.textContent : 'Date';
      const start = wrapper.querySelector('.dash-datepicker-start-date');
      const end = wrapper.querySelector('.dash-datepicker-end-date');
      if (start) set(start, 'aria-label', `${what} from`);
      if (end) set(end, 'aria-label', `${what} to`);
    });
    root.querySelectorAll('a.dash-datepicker-clear').forEach((clear) => set(clear, 'role', 'button'));
  }

  function nameUploads(root) {
    root.querySelectorAll('input[type="file"]').forEach((input) => {
      if (!input.hasAttribute('aria-label')) input.setAttribute('aria-label', 'Upload a file');
    });
  }

  function apply() {
    nameDropdowns(document);
    nameOptionLists(document);
    nameDateRanges(document);
    nameUploads(document);
  }

  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; apply(); });
  });
  const start = () => {
    observer.observe(document.body, {
      childList: true, subtree: true,
      attributeFilter: ['role', 'aria-hidden', 'aria-labelledby', 'aria-selected',
                        'aria-expanded'],
    });
    apply();
  };
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
}());
