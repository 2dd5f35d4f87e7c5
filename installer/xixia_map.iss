; Inno Setup script for the Windows installer of Xixia Map (西峡项目地图).
; Prerequisites (on a Windows build machine): Windows 10 or later, Python 3.11,
;   the Microsoft Visual C++ 2015-2022 Redistributable (x64), Inno Setup 6.3+.
; Build the bundle first (in a Windows shell, from the repository root):
;   py -3.11 -m venv .venv && .venv\Scripts\pip install -e .[test] "pyinstaller>=6.10,<7"
;   .venv\Scripts\python installer\make_icon.py
;   .venv\Scripts\pyinstaller --noconfirm installer\xixia_map.spec
; then compile this script:  iscc installer\xixia_map.iss
#define AppName "西峡项目地图"
#define AppVersion "0.1.0"

[Setup]
AppId={{6B1E3C52-8F0A-4D7B-9C21-3A5E7F4D2B90}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=西峡县
DefaultDirName={autopf}\XixiaMap
DefaultGroupName={#AppName}
OutputDir=..\dist
OutputBaseFilename=XixiaMap-{#AppVersion}-setup
SetupIconFile=xixia-map.ico
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\XixiaMap\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\XixiaMap.exe"; Parameters: "run"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\XixiaMap.exe"; Parameters: "run"; Tasks: desktopicon

[Run]
Filename: "{app}\XixiaMap.exe"; Parameters: "run"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
