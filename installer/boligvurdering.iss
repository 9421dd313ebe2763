; Inno Setup script for municipal Windows laptops (per-user install, no admin rights needed).
; Build the bundle first on Windows:  pyinstaller --noconfirm installer\boligvurdering.spec
; then:  iscc /DAppVersion=0.1.0 installer\boligvurdering.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1C3C52-8F55-4B8E-9A55-0F6D1B0C2A11}
AppName=Boligvurdering
AppVersion={#AppVersion}
AppPublisher=Boligvurdering
DefaultDirName={localappdata}\Programs\Boligvurdering
DefaultGroupName=Boligvurdering
PrivilegesRequired=lowest
OutputBaseFilename=boligvurdering-{#AppVersion}-oppsett
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "norwegian"; MessagesFile: "compiler:Languages\Norwegian.isl"

[Files]
Source: "..\dist\boligvurdering\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Boligvurdering"; Filename: "{app}\boligvurdering.exe"
Name: "{userdesktop}\Boligvurdering"; Filename: "{app}\boligvurdering.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Lag snarvei på skrivebordet"; Flags: unchecked

[Run]
Filename: "{app}\boligvurdering.exe"; Description: "Start Boligvurdering"; Flags: nowait postinstall skipifsilent
