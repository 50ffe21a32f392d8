"""The core: plan model, loader, calendar, profiles and engine. It never prints or exits."""
