// The Web Reference Application's "Support +" examples, each written with the NexusConnectSDK
// calls of the Cloud SDK guide. `?example=` picks one; the code of each is what a site would
// paste. Classic script, no build step.
(function () {
  'use strict';
  var sdk = window.NexusConnectSDK;
  var token = document.currentScript.dataset.token;
  var container = document.getElementById('help-container');
  var controls = document.getElementById('controls');
  var PHONE = '1-800-555-0199';

  /** A button that runs `action` when pressed. */
  function button(label, action, attributes) {
    var element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    for (var name in attributes || {}) element.setAttribute(name, attributes[name]);
    element.addEventListener('click', action);
    return element;
  }

  /** Shows an error of an SDK call on the page (as a site would log or show it). */
  function report(error) {
    var message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = 'Error: ' + error.message;
    controls.append(message);
    controls.hidden = false;
  }

  /** Tag icons: a row of buttons that each show the paths with one tag. */
  var TAGS = [
    { tag: 'LightBulb', label: 'Bulbs', icon: '💡' },
    { tag: 'Thermostat', label: 'Thermostat', icon: '🌡️' },
    { tag: 'Hub', label: 'Hub', icon: '📡' },
    { tag: 'SmartPlug', label: 'Plugs', icon: '🔌' },
    { tag: 'Camera', label: 'Cameras', icon: '📷' },
  ];

  /** Buttons by help-id: each opens the one guided path its help-id names. */
  var HELP_IDS = [
    { helpId: 'bulb-setup', label: 'Set up a bulb' },
    { helpId: 'bulb-reset', label: 'Reset a bulb' },
    { helpId: 'hub-reset', label: 'Reset the hub' },
    { helpId: 'plug-setup', label: 'Set up a plug' },
    { helpId: 'camera-setup', label: 'Set up a camera' },
  ];

  function quickSetupLink() {
    var link = document.createElement('a');
    link.href = '#quick-setup';
    link.textContent = 'Quick Setup Guide';
    link.addEventListener('click', function (event) {
      event.preventDefault();
      sdk.showSelfHelpForId('quick-setup', container).catch(report);
    });
    return link;
  }

  var examples = {
    'support-1': {
      title: 'Support 1 — search and tags',
      summary: 'A search box that searches help by its text, and icons that search by tag.',
      run: function () {
        var form = document.createElement('form');
        form.setAttribute('role', 'search');
        var input = document.createElement('input');
        input.type = 'search';
        input.name = 'q';
        input.setAttribute('aria-label', 'Search help');
        input.placeholder = 'Describe your problem';
        form.append(input, button('Search', function () {}, { type: 'submit' }));
        form.addEventListener('submit', function (event) {
          event.preventDefault();
          if (input.value.trim()) sdk.showSelfHelpForSearch(input.value, container).catch(report);
        });
        var icons = document.createElement('p');
        icons.className = 'tag-icons';
        TAGS.forEach(function (entry) {
          icons.append(
            button(entry.icon + ' ' + entry.label, function () {
              sdk.showSelfHelpForTags([entry.tag], container).catch(report);
            }, { 'data-tag': entry.tag }),
          );
        });
        controls.append(form, icons);
        return sdk.showSelfHelp(container);
      },
    },
    'support-2': {
      title: 'Support 2 — buttons by help-id',
      summary: 'Each button opens the guided path its help-id names.',
      run: function () {
        var row = document.createElement('p');
        HELP_IDS.forEach(function (entry) {
          row.append(
            button(entry.label, function () {
              sdk.showSelfHelpForId(entry.helpId, container).catch(report);
            }, { 'data-help-id': entry.helpId }),
          );
        });
        controls.append(row);
        return sdk.showSelfHelp(container);
      },
    },
    'support-3': {
      title: 'Support 3 — Quick Setup Guide',
      summary: 'A "Quick Setup Guide" link at the top opens a path by help-id.',
      run: function () {
        var p = document.createElement('p');
        p.append(quickSetupLink());
        controls.append(p);
        return sdk.showSelfHelp(container);
      },
    },
    'support-4': {
      title: 'Support 4 — Support 3 with a theme',
      summary: 'Support 3, restyled with the SDK: setCustomizationOptions({ themeUrl, stepContentThemeUrl }).',
      run: function () {
        sdk.setCustomizationOptions({ themeUrl: 'themes/ocean.css', stepContentThemeUrl: 'themes/ocean-steps.css' });
        var p = document.createElement('p');
        p.append(quickSetupLink());
        controls.append(p);
        return sdk.showSelfHelp(container);
      },
    },
    'calling-card-1': {
      title: 'Calling Card 1 — chat and phone, IVR wording',
      summary: 'Live help with chat and a phone call; the call card asks to enter the code when the IVR prompts.',
      run: function () {
        return sdk.showLiveHelp(container, { phone: PHONE, skill: 'sales', connectMethod: 'IVR' });
      },
    },
    'calling-card-2': {
      title: 'Calling Card 2 — chat and phone',
      summary: 'Live help with chat and a phone call, with the default wording: give the code to the agent.',
      run: function () {
        return sdk.showLiveHelp(container, { phone: PHONE, skill: 'sales' });
      },
    },
  };

  var name = new URLSearchParams(location.search).get('example') || 'support-1';
  var example = examples[name];
  sdk.initialize(token);
  if (!example) {
    document.getElementById('example-summary').textContent = 'There is no example "' + name + '". Pick one from the Support + menu.';
    return;
  }
  document.title = example.title + ' · Lumen & Co. Home';
  document.getElementById('example-title').textContent = example.title;
  document.getElementById('example-summary').textContent = example.summary;
  var current = document.querySelector('.menu a[href$="example=' + name + '"]');
  if (current) current.setAttribute('aria-current', 'page');
  example.run().catch(report);
  controls.hidden = controls.childElementCount === 0;
})();
