// Keys for the two pages typed by hand, and the drop zone for answer files. Listeners sit on
// the document, so they work after htmx swaps a page in.

function rowRadios(row) {
  return Array.from(row.querySelectorAll('input[type="radio"]'));
}

// "Indtast et papirark": keys 1–5 choose in the row that has the focus, then move to the next row.
function entryKey(event) {
  const row = event.target.closest?.('.sheet-row');
  if (!row || !/^[1-9]$/.test(event.key)) return false;
  const radio = rowRadios(row)[Number(event.key) - 1];
  if (!radio) return false;
  radio.checked = true;
  const next = row.nextElementSibling;
  if (next?.classList.contains('sheet-row')) {
    const radios = rowRadios(next);
    (radios.find((r) => r.checked) || radios[0]).focus();
  } else {
    const button = document.querySelector('#entry button[type="submit"]');
    if (button) button.focus();
  }
  return true;
}

// Gennemgang: 1–5 choose, 0 or - not answered, Enter saves and goes on.
function reviewKey(event) {
  const form = document.getElementById('review');
  if (!form) return false;
  const radios = Array.from(form.querySelectorAll('input[name="answer"]'));
  if (/^[1-9]$/.test(event.key) && radios[Number(event.key) - 1] && event.key !== '0') {
    radios[Number(event.key) - 1].checked = true;
    radios[Number(event.key) - 1].focus();
    return true;
  }
  if (event.key === '0' || event.key === '-') {
    const none = radios.find((r) => r.value === '-');
    none.checked = true;
    none.focus();
    return true;
  }
  if (event.key === 'Enter' && event.target.tagName !== 'BUTTON' && event.target.tagName !== 'A') {
    if (!radios.some((r) => r.checked)) return true;
    form.requestSubmit();
    return true;
  }
  return false;
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (entryKey(event) || reviewKey(event)) event.preventDefault();
});

document.addEventListener('dragover', (event) => {
  const drop = event.target.closest?.('#drop');
  if (!drop) return;
  event.preventDefault();
  drop.classList.add('over');
});
document.addEventListener('dragleave', (event) => {
  const drop = event.target.closest?.('#drop');
  if (drop) drop.classList.remove('over');
});
document.addEventListener('drop', (event) => {
  const drop = event.target.closest?.('#drop');
  if (!drop || !event.dataTransfer || event.dataTransfer.files.length === 0) return;
  event.preventDefault();
  const input = document.getElementById('files');
  input.files = event.dataTransfer.files;
  document.getElementById('upload').requestSubmit();
});
