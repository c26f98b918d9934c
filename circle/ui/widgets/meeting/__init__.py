"""What a meeting shows: the people, the guidance for this part, the timers and the big clock."""
