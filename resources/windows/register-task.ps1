# Registers the Scheduled Task that starts the kiosk at this user's logon, through the supervisor.
# Run by the installer (installer.nsh) as the installing user. UNTESTED: written without Windows.
param([Parameter(Mandatory = $true)][string]$AppExe)
$ErrorActionPreference = 'Stop'

$powershell = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
$supervisor = Join-Path $PSScriptRoot 'kiosk-supervisor.ps1'
$user = "$env:USERDOMAIN\$env:USERNAME"

$action = New-ScheduledTaskAction -Execute $powershell `
  -Argument "-NoProfile -NonInteractive -WindowStyle Hidden -ExecutionPolicy Bypass -File `"$supervisor`" -AppExe `"$AppExe`""
$trigger = New-ScheduledTaskTrigger -AtLogOn -User $user
$principal = New-ScheduledTaskPrincipal -UserId $user -LogonType Interactive -RunLevel Limited
# The kiosk runs all day: no time limit, not stopped on battery, one instance at a time.
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) -MultipleInstances IgnoreNew `
  -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -RestartCount 3 -RestartInterval (New-TimeSpan -Minutes 1)

Register-ScheduledTask -TaskName 'Registration Kiosk' -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Force | Out-Null
